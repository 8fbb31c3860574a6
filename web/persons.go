package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"sojourn"
	"sojourn/match"
	"sojourn/service"
)

// pageSize is how many rows a list shows at a time.
const pageSize = 25

// pathID reads a numeric path parameter; a bad one is not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound()
	}
	return id, nil
}

// after reads the "after" query parameter of a paged list.
func after(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	return max(n, 0)
}

// personList is a page of persons, or the persons a search found.
type personList struct {
	Persons []sojourn.Person
	Next    string
	Found   []service.PersonMatch
	Search  bool // a search was asked for (Found holds its answer)
}

// persons lists the persons the user may see, a page at a time, or, given
// a name to search for ("q", in any script; "born" a year, year-month or
// date), the persons it likely names, best first, with the reasons.
func (s *site) persons(w http.ResponseWriter, r *http.Request, p *page) error {
	for k, v := range r.URL.Query() {
		if _, posted := p.Form[k]; !posted {
			p.Form[k] = v
		}
	}
	p.Title = p.T("persons.title")
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		return s.searchPersons(w, p, q)
	}
	list, _, err := s.svc.FindPersons(r.Context(), service.PersonQuery{After: after(r), Limit: pageSize + 1})
	if err != nil {
		return err
	}
	var out personList
	out.Persons, out.Next = pageOf(r, list, func(p sojourn.Person) int64 { return p.ID })
	p.Data = out
	return s.show(w, "persons", p)
}

// searchPersons shows the persons a name likely names, across scripts.
func (s *site) searchPersons(w http.ResponseWriter, p *page, q string) error {
	born, err := match.ParseDate(strings.TrimSpace(p.Val("born")))
	if err != nil {
		p.Errors["born"] = p.T("form.bad_date")
	}
	out := personList{Search: true}
	if len(p.Errors) == 0 {
		found, err := s.svc.SearchPersons(p.r.Context(), service.PersonSearch{Text: q, Born: born, Limit: pageSize})
		if err != nil && !p.refused(err, "q") {
			return err
		}
		out.Found = found
	}
	p.Data = out
	return s.show(w, "persons", p)
}

// personView is a person's page: the file as known at a record time, the
// status on a date, the status timeline (the ledger's facts as known
// then), the facts corrected since, and the person's cases.
type personView struct {
	File      service.PersonFile
	Status    sojourn.Status
	On        sojourn.Date
	Known     sojourn.Date
	Timeline  []sojourn.StatusFact
	Corrected []sojourn.StatusFact
	Cases     []sojourn.Case
	// Correspondence lists the registry's items linked to the person.
	Correspondence []sojourn.ItemSummary
}

// person shows one person; "on" picks the date of the status and "known"
// the day whose end the file is read as known on.
func (s *site) person(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	for k, v := range r.URL.Query() {
		if _, posted := p.Form[k]; !posted {
			p.Form[k] = v
		}
	}
	if done := r.URL.Query().Get("done"); done == "register" || done == "document" || done == "protect" || done == "lift" || done == "residence" {
		p.Notice = p.T("person.done." + done)
	}
	v := personView{On: p.date("on"), Known: p.date("known")}
	if len(p.Errors) > 0 {
		v.On, v.Known = sojourn.Date{}, sojourn.Date{}
	}
	var knownAt time.Time
	if !v.Known.IsZero() {
		knownAt = v.Known.Time().Add(24*time.Hour - time.Nanosecond)
	}
	ctx := r.Context()
	if v.File, err = s.svc.Person(ctx, id, knownAt); err != nil {
		return err
	}
	if v.Status, err = s.svc.StatusOn(ctx, id, v.On, knownAt); err != nil {
		return err
	}
	v.On = v.Status.On
	facts, err := s.svc.Facts(ctx, id)
	if err != nil {
		return err
	}
	if knownAt.IsZero() {
		knownAt = v.Status.KnownAt
	}
	for _, f := range facts {
		switch {
		case f.RecordedAt.After(knownAt):
		case f.SupersededAt == nil || f.SupersededAt.After(knownAt):
			v.Timeline = append(v.Timeline, f)
		default:
			v.Corrected = append(v.Corrected, f)
		}
	}
	if v.Cases, err = s.svc.Cases(ctx, service.CaseQuery{PersonID: id, Limit: 100}); err != nil {
		return err
	}
	if v.Correspondence, err = correspondenceOf(ctx, s.svc.PersonCorrespondence, id); err != nil {
		return err
	}
	p.Title, p.Data = p.T("person.title", displayName(v.File.Person)), v
	return s.show(w, "person", p)
}

// displayName is a person's first name as written (Given Family).
func displayName(pp sojourn.Person) string {
	if len(pp.Names) == 0 {
		return "#" + itoa(pp.ID)
	}
	return pp.Names[0].Full()
}
