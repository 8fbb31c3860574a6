package sojourn

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// The kinds of registered correspondence.
const (
	ItemLetter     = "letter"
	ItemMemorandum = "memorandum"
	ItemTelegram   = "telegram"
	ItemNote       = "note"
	ItemResolution = "resolution"
)

// ItemKinds lists the kinds of registered correspondence.
var ItemKinds = []string{ItemLetter, ItemMemorandum, ItemTelegram, ItemNote, ItemResolution}

// The directions of an item.
const (
	DirectionIncoming = "incoming"
	DirectionOutgoing = "outgoing"
	DirectionInternal = "internal"
)

// Directions lists the directions of an item.
var Directions = []string{DirectionIncoming, DirectionOutgoing, DirectionInternal}

// RetentionPermanent is the retention class of items never destroyed.
const RetentionPermanent = "permanent"

// retentionYears are the retention classes and how many whole years after
// the year of its date an item of the class is kept.
var retentionYears = map[string]int{"1y": 1, "3y": 3, "5y": 5, "10y": 10, "25y": 25, "75y": 75, RetentionPermanent: 0}

// RetentionClasses lists the retention classes, shortest first.
var RetentionClasses = []string{"1y", "3y", "5y", "10y", "25y", "75y", RetentionPermanent}

// RetainUntil returns the last day an item of a retention class dated d
// is kept: the end of the year the class's years after d's year; zero for
// permanent items.
func RetainUntil(class string, d Date) Date {
	n := retentionYears[class]
	if n == 0 || d.IsZero() {
		return Date{}
	}
	return NewDate(d.Time().Year()+n, time.December, 31)
}

// Series is a register series of an authority: its items are numbered
// one after another within each year, and Format (data, e.g. "{n}/ld" or
// "25-S-{n}") makes the number shown from the sequence ({n}) and the year
// ({year}).
type Series struct {
	ID        int64     `json:"id"`
	Authority string    `json:"authority"`
	Code      string    `json:"code" example:"ld"`
	Format    string    `json:"format" example:"{n}/ld"`
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// Number returns the n-th number of the series in a year.
func (s Series) Number(year int, n int64) string {
	return strings.ReplaceAll(strings.ReplaceAll(s.Format, "{n}", itoa(int(n))), "{year}", itoa(year))
}

// SeriesInput opens a register series.
type SeriesInput struct {
	Authority string `json:"authority" minLength:"1" maxLength:"16" example:"VRD"`
	Code      string `json:"code" minLength:"1" maxLength:"32" example:"ld"`
	Format    string `json:"format" minLength:"3" maxLength:"64" example:"{n}/ld" doc:"how a number is shown: {n} is the sequence within the year, {year} the year"`
	Title     string `json:"title,omitempty" maxLength:"200" example:"Letters of the legal department"`
}

// Validate checks the input field by field.
func (in SeriesInput) Validate() error {
	var p Problems
	p.Require("authority", in.Authority)
	p.Require("code", in.Code)
	p.MaxLen("code", in.Code, 32)
	p.PlainText("code", in.Code)
	p.MaxLen("format", in.Format, 64)
	p.PlainText("format", in.Format)
	if strings.Count(in.Format, "{n}") != 1 {
		p.Add("format", "must hold {n} exactly once")
	}
	p.MaxLen("title", in.Title, 200)
	return p.Err("series")
}

// Party is a sender or addressee: an authority, a person on file or, for
// outside bodies and people not on file, free text. Exactly one is set.
type Party struct {
	Authority string `json:"authority,omitempty" maxLength:"16"`
	PersonID  int64  `json:"person_id,omitempty" minimum:"0"`
	Text      string `json:"text,omitempty" maxLength:"300" example:"Ministry of Labour of the HOST republic"`
}

func (pt Party) check(p *Problems, field string) {
	set := 0
	for _, b := range []bool{pt.Authority != "", pt.PersonID != 0, pt.Text != ""} {
		if b {
			set++
		}
	}
	if set != 1 {
		p.Add(field, "must name exactly one of authority, person_id, text")
	}
	p.MaxLen(field+".text", pt.Text, 300)
	p.PlainText(field+".text", pt.Text)
}

// ArchivalRef locates an item registered from an archive.
type ArchivalRef struct {
	Fond      string `json:"fond,omitempty" maxLength:"50" example:"R-9401"`
	Inventory string `json:"inventory,omitempty" maxLength:"50" example:"2"`
	File      string `json:"file,omitempty" maxLength:"50" example:"168"`
	Sheet     string `json:"sheet,omitempty" maxLength:"50" example:"12-14"`
}

func (r ArchivalRef) check(p *Problems) {
	for f, v := range map[string]string{"archive.fond": r.Fond, "archive.inventory": r.Inventory, "archive.file": r.File, "archive.sheet": r.Sheet} {
		p.MaxLen(f, v, 50)
		p.PlainText(f, v)
	}
}

// Attachment is a file of an item, kept with its SHA-256 hash, which every
// read checks. Content is given only when the attachment is read itself.
type Attachment struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	Content   []byte `json:"content,omitempty" doc:"base64; only when the attachment is read on its own"`
}

// AttachmentInput is a file attached to an item at registration.
type AttachmentInput struct {
	Name      string `json:"name" minLength:"1" maxLength:"200" example:"telegram-45.txt"`
	MediaType string `json:"media_type" minLength:"1" maxLength:"100" example:"text/plain"`
	Content   []byte `json:"content" doc:"base64"`
}

// Item is one registered piece of correspondence. Its body and
// attachments are kept apart from the registry row, which carries their
// hash (ContentHash), so that destroying the content leaves the row and the
// audit log's digests of it intact.
type Item struct {
	ID             int64        `json:"id"`
	Authority      string       `json:"authority"`
	SeriesID       int64        `json:"series_id"`
	Series         string       `json:"series"`
	Year           int          `json:"year"`
	Seq            int64        `json:"seq"`
	Number         string       `json:"number" example:"168/ld"`
	Kind           string       `json:"kind"`
	Direction      string       `json:"direction"`
	Date           Date         `json:"date"`
	Sender         Party        `json:"sender"`
	SenderRef      string       `json:"sender_ref,omitempty" doc:"the sender's own number of an incoming item"`
	Addressee      Party        `json:"addressee"`
	Subject        string       `json:"subject"`
	Classification Level        `json:"classification"`
	Body           string       `json:"body"`
	ContentHash    string       `json:"content_hash" doc:"SHA-256 over the body's and the attachments' hashes"`
	ReplyTo        int64        `json:"reply_to,omitempty" doc:"the registered item this one answers"`
	ReplyToRef     string       `json:"reply_to_ref,omitempty" doc:"the number of the item answered, as the other side gave it"`
	Archive        ArchivalRef  `json:"archive,omitzero"`
	Retention      string       `json:"retention"`
	RetainUntil    Date         `json:"retain_until,omitzero"`
	LegalHold      bool         `json:"legal_hold"`
	Destroyed      *Destruction `json:"destroyed,omitempty"`
	Attachments    []Attachment `json:"attachments"`
	Routes         []Route      `json:"routes"`
	Resolutions    []Resolution `json:"resolutions"`
	Links          []ItemLink   `json:"links"`
	Source         *ItemSource  `json:"source,omitempty" doc:"the decision, referral or owed report the item was produced from"`
	RecordedAt     time.Time    `json:"recorded_at"`
	RecordedBy     string       `json:"recorded_by"`
}

// ItemInput registers an item in a series; its number is the series'
// next of the year of Date.
type ItemInput struct {
	SeriesID       int64             `json:"series_id" minimum:"1" example:"1"`
	Kind           string            `json:"kind" enum:"letter,memorandum,telegram,note,resolution"`
	Direction      string            `json:"direction" enum:"incoming,outgoing,internal"`
	Date           Date              `json:"date"`
	Sender         Party             `json:"sender"`
	SenderRef      string            `json:"sender_ref,omitempty" maxLength:"64" example:"45"`
	Addressee      Party             `json:"addressee"`
	Subject        string            `json:"subject" minLength:"1" maxLength:"500" example:"On the residence of Ivan Petrov"`
	Classification Level             `json:"classification,omitempty" enum:"unclassified,restricted,secret,top_secret"`
	Body           string            `json:"body,omitempty" maxLength:"100000"`
	ReplyTo        int64             `json:"reply_to,omitempty" minimum:"0"`
	ReplyToRef     string            `json:"reply_to_ref,omitempty" maxLength:"64" example:"45" doc:"the number of the item answered when it is known only by its number; it is linked when an item of that number (ours, or the sender's own) is on file"`
	Archive        ArchivalRef       `json:"archive,omitzero"`
	Retention      string            `json:"retention" enum:"1y,3y,5y,10y,25y,75y,permanent"`
	Attachments    []AttachmentInput `json:"attachments,omitempty" maxItems:"20"`
	CaseIDs        []int64           `json:"case_ids,omitempty" maxItems:"50"`
	PersonIDs      []int64           `json:"person_ids,omitempty" maxItems:"50"`
}

// Validate checks the input field by field.
func (in ItemInput) Validate() error {
	var p Problems
	if in.SeriesID <= 0 {
		p.Add("series_id", "is required")
	}
	p.OneOf("kind", in.Kind, ItemKinds...)
	p.OneOf("direction", in.Direction, Directions...)
	p.RequireDate("date", in.Date)
	in.Sender.check(&p, "sender")
	in.Addressee.check(&p, "addressee")
	p.Require("subject", in.Subject)
	p.MaxLen("subject", in.Subject, 500)
	p.MaxLen("body", in.Body, 100000)
	p.MaxLen("sender_ref", in.SenderRef, 64)
	p.PlainText("sender_ref", in.SenderRef)
	p.MaxLen("reply_to_ref", in.ReplyToRef, 64)
	p.PlainText("reply_to_ref", in.ReplyToRef)
	if in.ReplyTo != 0 && in.ReplyToRef != "" {
		p.Add("reply_to_ref", "give reply_to or reply_to_ref, not both")
	}
	if in.Classification != "" && !in.Classification.Valid() {
		p.Add("classification", "must be one of unclassified, restricted, secret, top_secret")
	}
	p.OneOf("retention", in.Retention, RetentionClasses...)
	in.Archive.check(&p)
	for i, a := range in.Attachments {
		f := "attachments[" + itoa(i) + "]"
		p.Require(f+".name", a.Name)
		p.MaxLen(f+".name", a.Name, 200)
		p.PlainText(f+".name", a.Name)
		p.Require(f+".media_type", a.MediaType)
		p.MaxLen(f+".media_type", a.MediaType, 100)
	}
	return p.Err("item")
}

// Level returns the input's classification, unclassified when not given.
func (in ItemInput) Level() Level {
	if in.Classification == "" {
		return Unclassified
	}
	return in.Classification
}

// HashHex returns the SHA-256 of b in hex.
func HashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// ContentHash returns the hash of an item's content: SHA-256 over the
// body's hash and each attachment's, one a line, in order.
func ContentHash(bodyHash string, attachments []string) string {
	return HashHex([]byte(bodyHash + "\n" + strings.Join(attachments, "\n")))
}

// Route is an item routed to a unit (an authority) on a date.
type Route struct {
	ID       int64     `json:"id"`
	Unit     string    `json:"unit"`
	RoutedOn Date      `json:"routed_on"`
	Note     string    `json:"note,omitempty"`
	RoutedBy string    `json:"routed_by"`
	At       time.Time `json:"recorded_at"`
}

// RouteInput routes an item to a unit.
type RouteInput struct {
	Unit     string `json:"unit" minLength:"1" maxLength:"16" example:"VRD"`
	RoutedOn Date   `json:"routed_on"`
	Note     string `json:"note,omitempty" maxLength:"500" example:"return within 3 days"`
}

// Validate checks the input field by field.
func (in RouteInput) Validate() error {
	var p Problems
	p.Require("unit", in.Unit)
	p.RequireDate("routed_on", in.RoutedOn)
	p.MaxLen("note", in.Note, 500)
	return p.Err("route")
}

// Resolution is an authorised person's instruction on an item ("a decision
// is not required", "to the file", "for execution by …"); it may set a
// task for a unit, due on a date, that is overdue until done.
type Resolution struct {
	ID         int64     `json:"id"`
	Text       string    `json:"text"`
	ResolvedOn Date      `json:"resolved_on"`
	ResolvedBy string    `json:"resolved_by"`
	Task       *Task     `json:"task,omitempty"`
	At         time.Time `json:"recorded_at"`
}

// Task is work a resolution sets a unit, with a due date.
type Task struct {
	ID     int64  `json:"id"`
	ItemID int64  `json:"item_id"`
	Number string `json:"number" doc:"the register number of the item"`
	Unit   string `json:"unit"`
	DueOn  Date   `json:"due_on"`
	DoneOn Date   `json:"done_on,omitzero"`
	Text   string `json:"text"`
	// Classification is the item's, which decides who sees the task.
	Classification Level `json:"-"`
}

// ResolutionInput records a resolution, optionally setting a task.
type ResolutionInput struct {
	Text       string `json:"text" minLength:"1" maxLength:"1000" example:"a decision is not required"`
	ResolvedOn Date   `json:"resolved_on"`
	TaskUnit   string `json:"task_unit,omitempty" maxLength:"16" example:"VRD" doc:"the unit that is to carry it out"`
	DueOn      Date   `json:"due_on,omitzero" doc:"when the task is due; required with task_unit"`
}

// Validate checks the input field by field.
func (in ResolutionInput) Validate() error {
	var p Problems
	p.Require("text", in.Text)
	p.MaxLen("text", in.Text, 1000)
	p.RequireDate("resolved_on", in.ResolvedOn)
	if in.TaskUnit != "" && in.DueOn.IsZero() {
		p.Add("due_on", "is required with task_unit")
	}
	if in.TaskUnit == "" && !in.DueOn.IsZero() {
		p.Add("task_unit", "is required with due_on")
	}
	if !in.DueOn.IsZero() && in.DueOn.Before(in.ResolvedOn) {
		p.Add("due_on", "must not be before resolved_on")
	}
	return p.Err("resolution")
}

// TaskDoneInput records that a task was carried out.
type TaskDoneInput struct {
	DoneOn Date `json:"done_on"`
}

// Validate checks the input field by field.
func (in TaskDoneInput) Validate() error {
	var p Problems
	p.RequireDate("done_on", in.DoneOn)
	return p.Err("task completion")
}

// ItemLink ties an item to a case or a person it concerns.
type ItemLink struct {
	CaseID   int64 `json:"case_id,omitempty"`
	PersonID int64 `json:"person_id,omitempty"`
}

// LinkInput links an item to a case or a person (one of them).
type LinkInput struct {
	CaseID   int64 `json:"case_id,omitempty" minimum:"0"`
	PersonID int64 `json:"person_id,omitempty" minimum:"0"`
}

// Validate checks the input field by field.
func (in LinkInput) Validate() error {
	var p Problems
	if (in.CaseID == 0) == (in.PersonID == 0) {
		p.Add("case_id", "give exactly one of case_id, person_id")
	}
	return p.Err("link")
}

// Destruction records that an item's content was destroyed: who, when,
// under which rule and why, and the hash of what was destroyed.
type Destruction struct {
	ID          int64     `json:"id"`
	ItemID      int64     `json:"item_id"`
	Rule        string    `json:"rule"`
	Reason      string    `json:"reason"`
	ContentHash string    `json:"content_hash"`
	By          string    `json:"destroyed_by"`
	At          time.Time `json:"destroyed_at"`
}

// DestructionInput destroys an item's content under a rule.
type DestructionInput struct {
	Rule   string `json:"rule" minLength:"1" maxLength:"200" example:"retention schedule 1956, art. 4 (5 years)"`
	Reason string `json:"reason" minLength:"1" maxLength:"1000" example:"retention period ended; no case open"`
}

// Validate checks the input field by field.
func (in DestructionInput) Validate() error {
	var p Problems
	p.Require("rule", in.Rule)
	p.MaxLen("rule", in.Rule, 200)
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 1000)
	return p.Err("destruction")
}

// HoldInput sets or lifts an item's legal hold.
type HoldInput struct {
	Hold   bool   `json:"hold"`
	Reason string `json:"reason" minLength:"1" maxLength:"1000" example:"litigation pending"`
}

// Validate checks the input field by field.
func (in HoldInput) Validate() error {
	var p Problems
	p.Require("reason", in.Reason)
	p.MaxLen("reason", in.Reason, 1000)
	return p.Err("legal hold")
}

// ItemQuery selects items: full text over subject and body (Text), and
// filters; every set field must match.
type ItemQuery struct {
	Text           string
	SeriesID       int64
	Number         string
	From, To       Date
	Sender         string // an authority code or a word of the free text
	Addressee      string
	Classification Level
	Limit          int
}

// Validate checks the query field by field.
func (q ItemQuery) Validate() error {
	var p Problems
	p.MaxLen("q", q.Text, 200)
	p.MaxLen("number", q.Number, 64)
	p.MaxLen("sender", q.Sender, 300)
	p.MaxLen("addressee", q.Addressee, 300)
	p.Period("from", q.From, "to", q.To)
	if q.Classification != "" && !q.Classification.Valid() {
		p.Add("classification", "must be one of unclassified, restricted, secret, top_secret")
	}
	return p.Err("search")
}

// Thread is an item's place in its correspondence: the items it answers,
// nearest first, and the items answering it and their answers.
type Thread struct {
	Ancestors []ItemSummary `json:"ancestors"`
	Replies   []ItemSummary `json:"replies"`
}

// ItemSummary names an item in a listing.
type ItemSummary struct {
	ID             int64  `json:"id"`
	Number         string `json:"number"`
	Kind           string `json:"kind"`
	Direction      string `json:"direction"`
	Date           Date   `json:"date"`
	Subject        string `json:"subject"`
	Classification Level  `json:"classification"`
	ReplyTo        int64  `json:"reply_to,omitempty"`
	ReplyToRef     string `json:"reply_to_ref,omitempty"`
	Destroyed      bool   `json:"destroyed"`
}
