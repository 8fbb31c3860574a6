package service

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"sojourn"
	"sojourn/access"
	"sojourn/store"
)

// itemTarget is what access rules need to know of an item.
func itemTarget(it sojourn.Item) access.Target {
	return access.Target{Authority: it.Authority, Classification: it.Classification}
}

// invalidField is an invalid-input error naming one field.
func invalidField(what, field, msg string) error {
	return &sojourn.Error{Code: sojourn.CodeInvalid, Message: "invalid " + what,
		Fields: []sojourn.FieldError{{Field: field, Message: msg}}}
}

// CreateSeries opens a register series of an authority.
func (s *Service) CreateSeries(ctx context.Context, in sojourn.SeriesInput) (sojourn.Series, error) {
	if err := precheck(ctx, access.ManageSeries, in); err != nil {
		return sojourn.Series{}, err
	}
	var out sojourn.Series
	err := s.write(ctx, func(tx *store.Tx) error {
		a, err := authorize(ctx, access.ManageSeries, access.Target{Authority: in.Authority})
		if err != nil {
			return err
		}
		if _, err := tx.AuthorityByCode(ctx, in.Authority); err != nil {
			return invalidField("series", "authority", "no such authority")
		}
		out, err = tx.CreateSeries(ctx, sojourn.Series{Authority: in.Authority, Code: in.Code, Format: in.Format, Title: in.Title, CreatedBy: a.Name})
		if err != nil {
			return err
		}
		return s.record(ctx, tx, a, access.ManageSeries, objectID("series", out.ID), out)
	})
	return out, err
}

// ListSeries returns the register series the actor's authority keeps (all
// of them for administrators and auditors).
func (s *Service) ListSeries(ctx context.Context) ([]sojourn.Series, error) {
	a, err := authorize(ctx, access.ReadItem, access.Target{})
	if err != nil {
		return nil, err
	}
	var out []sojourn.Series
	err = s.store.Read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListSeries(ctx, access.Scope(a))
		return err
	})
	return out, err
}

// RegisterItem registers an item in a series: the series' next number of
// the year of its date, taken last in the transaction, so registrations in
// one series are numbered without gaps and never twice.
func (s *Service) RegisterItem(ctx context.Context, in sojourn.ItemInput) (sojourn.Item, error) {
	if err := precheck(ctx, access.RegisterItem, in); err != nil {
		return sojourn.Item{}, err
	}
	atts := make([]sojourn.Attachment, len(in.Attachments))
	for i, f := range in.Attachments {
		atts[i] = sojourn.Attachment{Name: f.Name, MediaType: f.MediaType, Size: int64(len(f.Content)), SHA256: sojourn.HashHex(f.Content)}
		if err := s.keepFile(atts[i].SHA256, f.Content); err != nil {
			return sojourn.Item{}, err
		}
	}
	return s.registerItem(ctx, in, atts, nil)
}

// registerItem registers a checked item with its attachments (their
// content kept already) in one transaction; then, when given, runs in it
// once the item is written and before it is numbered.
func (s *Service) registerItem(ctx context.Context, in sojourn.ItemInput, atts []sojourn.Attachment,
	then func(tx *store.Tx, series sojourn.Series, id int64) error) (sojourn.Item, error) {
	bodyHash := sojourn.HashHex([]byte(in.Body))
	hashes := make([]string, len(atts))
	for i, a := range atts {
		hashes[i] = a.SHA256
	}
	var out sojourn.Item
	err := s.write(ctx, func(tx *store.Tx) error {
		series, err := tx.SeriesByID(ctx, in.SeriesID)
		if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
			return invalidField("item", "series_id", "no such series")
		}
		if err != nil {
			return err
		}
		a, err := authorize(ctx, access.RegisterItem, access.Target{Authority: series.Authority})
		if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
			return invalidField("item", "series_id", "no such series")
		}
		if err != nil {
			return err
		}
		if !cleared(a, in.Level()) {
			return invalidField("item", "classification", "is above your clearance")
		}
		it := sojourn.Item{Authority: series.Authority, SeriesID: series.ID, Year: in.Date.Time().Year(), Kind: in.Kind,
			Direction: in.Direction, Date: in.Date, Sender: in.Sender, SenderRef: in.SenderRef, Addressee: in.Addressee,
			Subject: in.Subject, Classification: in.Level(), Body: in.Body, ContentHash: sojourn.ContentHash(bodyHash, hashes),
			ReplyTo: in.ReplyTo, ReplyToRef: in.ReplyToRef, Archive: in.Archive, Retention: in.Retention,
			RetainUntil: sojourn.RetainUntil(in.Retention, in.Date), RecordedBy: a.Name}
		if err := s.checkItemRefs(ctx, tx, &it, in); err != nil {
			return err
		}
		id, err := tx.InsertItem(ctx, it, bodyHash)
		if err != nil {
			return err
		}
		for i, at := range atts {
			if _, err := tx.AddAttachment(ctx, id, at, in.Attachments[i].Content, s.cfg.AttachmentDir != ""); err != nil {
				return err
			}
		}
		for _, l := range links(in.CaseIDs, in.PersonIDs) {
			if err := tx.AddLink(ctx, id, l); err != nil {
				return err
			}
		}
		if then != nil {
			if err := then(tx, series, id); err != nil {
				return err
			}
		}
		if it.Seq, it.Number, err = tx.NumberItem(ctx, id, series, it.Year); err != nil {
			return err
		}
		it.ID = id
		if err := s.record(ctx, tx, a, access.RegisterItem, objectID("item", id), it); err != nil {
			return err
		}
		out, err = readItem(ctx, tx, id)
		return err
	})
	return out, err
}

// links lists the links an item is registered with.
func links(cases, persons []int64) []sojourn.ItemLink {
	var out []sojourn.ItemLink
	for _, c := range cases {
		out = append(out, sojourn.ItemLink{CaseID: c})
	}
	for _, p := range persons {
		out = append(out, sojourn.ItemLink{PersonID: p})
	}
	return out
}

// checkItemRefs checks what a new item refers to — parties, the item it
// answers, the cases and persons it concerns — and links an answer known
// only by its number to the item of that number when one is on file.
func (s *Service) checkItemRefs(ctx context.Context, tx *store.Tx, it *sojourn.Item, in sojourn.ItemInput) error {
	for field, p := range map[string]sojourn.Party{"sender": in.Sender, "addressee": in.Addressee} {
		if p.Authority != "" {
			if _, err := tx.AuthorityByCode(ctx, p.Authority); err != nil {
				return invalidField("item", field+".authority", "no such authority")
			}
		}
		if p.PersonID != 0 {
			if err := correspondent(ctx, tx, p.PersonID, "item", field+".person_id"); err != nil {
				return err
			}
		}
	}
	v := visibility(ActorFrom(ctx))
	if in.ReplyTo != 0 {
		if _, err := tx.ItemSummary(ctx, in.ReplyTo, v); err != nil {
			return invalidField("item", "reply_to", "no such item")
		}
	}
	if in.ReplyToRef != "" {
		found, err := tx.ItemByRef(ctx, it.Authority, in.ReplyToRef)
		if err != nil {
			return err
		}
		if found != 0 {
			if _, err := tx.ItemSummary(ctx, found, v); err == nil {
				it.ReplyTo = found
			}
		}
	}
	for i, c := range in.CaseIDs {
		if err := linkedCase(ctx, tx, c); err != nil {
			return invalidField("item", fmt.Sprintf("case_ids[%d]", i), "no such case")
		}
	}
	for i, p := range in.PersonIDs {
		if err := correspondent(ctx, tx, p, "item", fmt.Sprintf("person_ids[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// linkedCase checks the actor may see the case an item is to be linked to.
func linkedCase(ctx context.Context, tx *store.Tx, caseID int64) error {
	c, err := tx.CaseByID(ctx, caseID, false)
	if err != nil {
		return err
	}
	_, err = authorize(ctx, access.ReadCase, caseTarget(c))
	return err
}

// correspondent checks a person an item names or is to be linked to,
// given in field of what: one the actor sees, not merged into another
// (the survivor, whom the answer names, is the one to write about).
func correspondent(ctx context.Context, tx *store.Tx, personID int64, what, field string) error {
	if _, _, err := visiblePerson(ctx, tx, personID, access.ReadPerson); err != nil {
		return invalidField(what, field, "no such person")
	}
	m, merged, err := liveMerge(ctx, tx, personID)
	if !merged {
		return err
	}
	return invalidField(what, field, fmt.Sprintf("person %d is merged into person %d (merge %d): name person %d", personID, m.SurvivorID, m.ID, m.SurvivorID))
}

// keepFile writes an attachment's content to the attachment directory,
// named by its hash, when one is configured. A file of that name holds
// the same content already.
func (s *Service) keepFile(hash string, content []byte) error {
	if s.cfg.AttachmentDir == "" {
		return nil
	}
	name := filepath.Join(s.cfg.AttachmentDir, hash)
	if _, err := os.Stat(name); err == nil {
		return nil
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, content, 0o600); err != nil {
		return sojourn.Internal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		return sojourn.Internal(err)
	}
	return nil
}

// Item returns an item with its body, attachments (without content),
// routing, resolutions, links and destruction record. Reading a classified
// item is audited; one the actor may not see is not found. The body is
// checked against its hash.
func (s *Service) Item(ctx context.Context, id int64) (sojourn.Item, error) {
	var out sojourn.Item
	err := s.readLogged(ctx, access.ReadItem, objectID("item", id), func(tx *store.Tx) (sojourn.Level, any, error) {
		it, err := readItem(ctx, tx, id)
		out = it
		return it.Classification, map[string]string{"number": it.Number}, err
	})
	return out, err
}

// readItem loads a visible item in full.
func readItem(ctx context.Context, tx *store.Tx, id int64) (sojourn.Item, error) {
	st, err := tx.ItemByID(ctx, id, false)
	if err != nil {
		return sojourn.Item{}, err
	}
	it := st.Item
	if _, err := authorize(ctx, access.ReadItem, itemTarget(it)); err != nil {
		return it, err
	}
	if it.Body, err = tx.ItemBody(ctx, id); err != nil {
		return it, err
	}
	if !st.Destroyed && sojourn.HashHex([]byte(it.Body)) != st.BodyHash {
		return it, sojourn.Internal(fmt.Errorf("the body of item %d does not match its hash", id))
	}
	atts, err := tx.AttachmentsOf(ctx, id)
	if err != nil {
		return it, err
	}
	it.Attachments = make([]sojourn.Attachment, len(atts))
	for i, a := range atts {
		it.Attachments[i] = a.Attachment
	}
	if it.Routes, err = tx.RoutesOf(ctx, id); err != nil {
		return it, err
	}
	if it.Resolutions, err = tx.ResolutionsOf(ctx, id); err != nil {
		return it, err
	}
	if it.Links, err = tx.LinksOf(ctx, id); err != nil {
		return it, err
	}
	if it.Source, err = tx.SourceOf(ctx, id); err != nil {
		return it, err
	}
	if st.Destroyed {
		d, err := tx.DestructionOf(ctx, id)
		if err != nil {
			return it, err
		}
		it.Destroyed = &d
	}
	return it, nil
}

// Attachment returns one attachment of an item with its content, checked
// against its hash (a mismatch is an internal error, never the content).
// A destroyed attachment has no content to give: precondition failed.
func (s *Service) Attachment(ctx context.Context, itemID, id int64) (sojourn.Attachment, error) {
	var out sojourn.Attachment
	err := s.readLogged(ctx, access.ReadItem, objectID("item", itemID), func(tx *store.Tx) (sojourn.Level, any, error) {
		st, err := tx.ItemByID(ctx, itemID, false)
		if err != nil {
			return "", nil, err
		}
		if _, err := authorize(ctx, access.ReadItem, itemTarget(st.Item)); err != nil {
			return "", nil, err
		}
		atts, err := tx.AttachmentsOf(ctx, itemID)
		if err != nil {
			return "", nil, err
		}
		for _, a := range atts {
			if a.ID != id {
				continue
			}
			if a.Destroyed {
				return "", nil, sojourn.Errorf(sojourn.CodePreconditionFailed, "the attachment was destroyed")
			}
			out = a.Attachment
			out.Content, err = s.attachmentContent(ctx, tx, a)
			return st.Classification, map[string]any{"number": st.Number, "attachment": id}, err
		}
		return "", nil, sojourn.NotFound()
	})
	return out, err
}

// attachmentContent reads an attachment's content from the database or
// the attachment directory and checks it against its hash.
func (s *Service) attachmentContent(ctx context.Context, tx *store.Tx, a store.StoredAttachment) ([]byte, error) {
	var b []byte
	var err error
	if a.InDir {
		if s.cfg.AttachmentDir == "" {
			return nil, sojourn.Internal(errors.New("attachment kept in a directory, but none is configured"))
		}
		b, err = os.ReadFile(filepath.Join(s.cfg.AttachmentDir, a.SHA256))
		if err != nil {
			return nil, sojourn.Internal(err)
		}
	} else if b, err = tx.AttachmentContent(ctx, a.ID); err != nil {
		return nil, err
	}
	if sojourn.HashHex(b) != a.SHA256 {
		return nil, sojourn.Internal(fmt.Errorf("attachment %d does not match its hash", a.ID))
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}
