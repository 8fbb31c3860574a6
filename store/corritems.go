package store

import (
	"context"
	"database/sql"
	"strconv"

	"sojourn"
)

// The correspondence registry: series, items and their content.

const seriesColumns = "SELECT id, authority, code, format, title, created_at, created_by FROM corr_series"

func scanSeries(s scanner) (sojourn.Series, error) {
	var out sojourn.Series
	var at int64
	err := s.Scan(&out.ID, &out.Authority, &out.Code, &out.Format, &out.Title, &at, &out.CreatedBy)
	out.CreatedAt = fromMicros(at)
	return out, err
}

// CreateSeries opens a register series; a code an authority already uses
// is a conflict.
func (t *Tx) CreateSeries(ctx context.Context, s sojourn.Series) (sojourn.Series, error) {
	var err error
	s.CreatedAt = fromMicros(micros(t.Now()))
	s.ID, err = t.insert(ctx, `INSERT INTO corr_series (authority, code, format, title, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?)`, s.Authority, s.Code, s.Format, s.Title, micros(t.Now()), s.CreatedBy)
	return s, err
}

// SeriesByID returns one register series.
func (t *Tx) SeriesByID(ctx context.Context, id int64) (sojourn.Series, error) {
	return getOne(ctx, t, "series", scanSeries, seriesColumns+" WHERE id = ?", id)
}

// ListSeries returns the register series of an authority ("" for all).
func (t *Tx) ListSeries(ctx context.Context, authority string) ([]sojourn.Series, error) {
	return getAll(ctx, t, scanSeries, seriesColumns+" WHERE (? = '' OR authority = ?) ORDER BY authority, code", authority, authority)
}

// itemColumns reads an item's registry row.
const itemColumns = `SELECT i.id, i.authority, i.series_id, s.code, i.year, COALESCE(i.seq, 0), COALESCE(i.number, ''), i.kind, i.direction,
	i.item_date, i.sender_authority, COALESCE(i.sender_person, 0), i.sender_text, i.sender_ref, i.addressee_authority,
	COALESCE(i.addressee_person, 0), i.addressee_text, i.subject, i.classification, i.body_hash, i.content_hash,
	COALESCE(i.reply_to, 0), i.reply_to_ref, i.fond, i.inventory, i.file_no, i.sheet, i.retention, i.retain_until,
	i.legal_hold, i.destroyed, i.recorded_at, i.recorded_by
	FROM corr_items i JOIN corr_series s ON s.id = i.series_id`

// StoredItem is an item's registry row with what the store keeps of its
// content: the hash its body must match.
type StoredItem struct {
	sojourn.Item
	BodyHash  string
	Destroyed bool
}

func scanItem(s scanner) (StoredItem, error) {
	var it StoredItem
	var at int64
	err := s.Scan(&it.ID, &it.Authority, &it.SeriesID, &it.Series, &it.Year, &it.Seq, &it.Number, &it.Kind, &it.Direction,
		&it.Date, &it.Sender.Authority, &it.Sender.PersonID, &it.Sender.Text, &it.SenderRef, &it.Addressee.Authority,
		&it.Addressee.PersonID, &it.Addressee.Text, &it.Subject, &it.Classification, &it.BodyHash, &it.ContentHash,
		&it.ReplyTo, &it.ReplyToRef, &it.Archive.Fond, &it.Archive.Inventory, &it.Archive.File, &it.Archive.Sheet,
		&it.Retention, &it.RetainUntil, &it.LegalHold, &it.Destroyed, &at, &it.RecordedBy)
	it.RecordedAt = fromMicros(at)
	return it, err
}

// InsertItem inserts an item's registry row, still unnumbered, its body
// and its full-text entry, and returns its id. The number is taken last,
// by NumberItem, so that the series counter is held as briefly as possible.
func (t *Tx) InsertItem(ctx context.Context, it sojourn.Item, bodyHash string) (int64, error) {
	id, err := t.insert(ctx, `INSERT INTO corr_items (authority, series_id, year, kind, direction, item_date,
		sender_authority, sender_person, sender_text, sender_ref, addressee_authority, addressee_person, addressee_text,
		subject, classification, body_hash, content_hash, reply_to, reply_to_ref, fond, inventory, file_no, sheet,
		retention, retain_until, legal_hold, destroyed, recorded_at, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		it.Authority, it.SeriesID, it.Year, it.Kind, it.Direction, it.Date,
		it.Sender.Authority, nullID(it.Sender.PersonID), it.Sender.Text, it.SenderRef,
		it.Addressee.Authority, nullID(it.Addressee.PersonID), it.Addressee.Text,
		it.Subject, it.Classification, bodyHash, it.ContentHash, nullID(it.ReplyTo), it.ReplyToRef,
		it.Archive.Fond, it.Archive.Inventory, it.Archive.File, it.Archive.Sheet,
		it.Retention, it.RetainUntil, false, false, micros(t.Now()), it.RecordedBy)
	if err != nil {
		return 0, err
	}
	if _, err := t.exec(ctx, "INSERT INTO corr_bodies (item_id, body) VALUES (?, ?)", id, it.Body); err != nil {
		return 0, t.d.translate(err)
	}
	return id, t.index(ctx, id, it.Subject, it.Body)
}

// NumberItem takes the next number of the item's series in its year and
// gives it to the item. Call it last in the transaction: on PostgreSQL the
// counter row stays locked until commit, so registrations in one series
// queue only for the end of each other's work, never the whole of it.
func (t *Tx) NumberItem(ctx context.Context, id int64, s sojourn.Series, year int) (int64, string, error) {
	seq, err := t.nextInSeries(ctx, s.Authority, "corr/"+strconv.FormatInt(s.ID, 10)+"/"+strconv.Itoa(year))
	if err != nil {
		return 0, "", err
	}
	number := s.Number(year, seq)
	_, err = t.update(ctx, "UPDATE corr_items SET seq = ?, number = ? WHERE id = ?", seq, number, id)
	return seq, number, err
}

// AddAttachment records an attachment of an item; content is kept in the
// database unless inDir (the caller keeps it in a directory by its hash).
func (t *Tx) AddAttachment(ctx context.Context, itemID int64, a sojourn.Attachment, content []byte, inDir bool) (int64, error) {
	id, err := t.insert(ctx, `INSERT INTO corr_attachments (item_id, name, media_type, size, sha256, in_dir, destroyed)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, itemID, a.Name, a.MediaType, a.Size, a.SHA256, inDir, false)
	if err != nil || inDir {
		return id, err
	}
	_, err = t.exec(ctx, "INSERT INTO corr_blobs (attachment_id, content) VALUES (?, ?)", id, content)
	return id, t.d.translate(err)
}

// ItemByID returns an item's registry row; lock holds it for a change.
func (t *Tx) ItemByID(ctx context.Context, id int64, lock bool) (StoredItem, error) {
	q := itemColumns + " WHERE i.id = ?"
	if lock && t.d.forUpdate != "" {
		q += " FOR UPDATE OF i"
	}
	return getOne(ctx, t, "item", scanItem, q, id)
}

// ItemBody returns an item's body as stored ("" once destroyed).
func (t *Tx) ItemBody(ctx context.Context, id int64) (string, error) {
	var body string
	err := t.queryRow(ctx, "SELECT body FROM corr_bodies WHERE item_id = ?", id).Scan(&body)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return body, t.d.translate(err)
}

// StoredAttachment is an attachment's row with where its content is.
type StoredAttachment struct {
	sojourn.Attachment
	InDir     bool
	Destroyed bool
}

// AttachmentsOf returns an item's attachments, without content.
func (t *Tx) AttachmentsOf(ctx context.Context, itemID int64) ([]StoredAttachment, error) {
	return getAll(ctx, t, func(s scanner) (StoredAttachment, error) {
		var a StoredAttachment
		err := s.Scan(&a.ID, &a.Name, &a.MediaType, &a.Size, &a.SHA256, &a.InDir, &a.Destroyed)
		return a, err
	}, "SELECT id, name, media_type, size, sha256, in_dir, destroyed FROM corr_attachments WHERE item_id = ? ORDER BY id", itemID)
}

// AttachmentContent returns the content of an attachment kept in the
// database (nil when it is kept in a directory or destroyed).
func (t *Tx) AttachmentContent(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := t.queryRow(ctx, "SELECT content FROM corr_blobs WHERE attachment_id = ?", id).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return b, t.d.translate(err)
}

// ItemByRef returns the id of an item of an authority whose number, or
// whose sender's own number, is ref: the item an answer known only by its
// number replies to; 0 when there is none.
func (t *Tx) ItemByRef(ctx context.Context, authority, ref string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM corr_items WHERE authority = ? AND (number = ? OR sender_ref = ?)
		ORDER BY id DESC LIMIT 1`, authority, ref, ref).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, t.d.translate(err)
}

// summarySelect reads an item i for a listing; summaryColumns reads it
// from corr_items.
const (
	summarySelect = `SELECT i.id, COALESCE(i.number, ''), i.kind, i.direction, i.item_date, i.subject, i.classification,
	COALESCE(i.reply_to, 0), i.reply_to_ref, i.destroyed`
	summaryColumns = summarySelect + " FROM corr_items i"
)

func scanSummary(s scanner) (sojourn.ItemSummary, error) {
	var it sojourn.ItemSummary
	err := s.Scan(&it.ID, &it.Number, &it.Kind, &it.Direction, &it.Date, &it.Subject, &it.Classification,
		&it.ReplyTo, &it.ReplyToRef, &it.Destroyed)
	return it, err
}

// Replies returns the items answering an item that v may see, oldest
// first.
func (t *Tx) Replies(ctx context.Context, id int64, v Visibility) ([]sojourn.ItemSummary, error) {
	vis, args := v.where("i.authority", "i.classification")
	return getAll(ctx, t, scanSummary, summaryColumns+" WHERE i.reply_to = ?"+vis+" ORDER BY i.id", append([]any{id}, args...)...)
}

// ItemSummary returns one item for a listing, if v may see it.
func (t *Tx) ItemSummary(ctx context.Context, id int64, v Visibility) (sojourn.ItemSummary, error) {
	vis, args := v.where("i.authority", "i.classification")
	return getOne(ctx, t, "item", scanSummary, summaryColumns+" WHERE i.id = ?"+vis, append([]any{id}, args...)...)
}

// UnusedFiles returns those of the hashes that no attachment kept in the
// directory and not destroyed has any more: the files that may go.
func (t *Tx) UnusedFiles(ctx context.Context, hashes []string) ([]string, error) {
	var out []string
	for _, h := range hashes {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM corr_attachments WHERE sha256 = ? AND in_dir = ? AND destroyed = ?",
			h, true, false).Scan(&n); err != nil {
			return nil, t.d.translate(err)
		}
		if n == 0 {
			out = append(out, h)
		}
	}
	return out, nil
}
