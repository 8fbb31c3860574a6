package web

import (
	"context"
	"net/http"

	"sojourn"
	"sojourn/service"
)

// decreesView is a page of citizenship decrees.
type decreesView struct {
	Decrees []sojourn.Decree
	Next    string
}

// decrees lists the citizenship decrees, a page at a time.
func (s *site) decrees(w http.ResponseWriter, r *http.Request, p *page) error {
	var v decreesView
	list, err := s.svc.Decrees(r.Context(), after(r), pageSize+1)
	if err != nil {
		return err
	}
	v.Decrees, v.Next = pageOf(r, list, func(d sojourn.Decree) int64 { return d.ID })
	p.Title, p.Data = p.T("decrees.title"), v
	return s.show(w, "decrees", p)
}

// decreeView is a decree with a page of its elections (by person).
type decreeView struct {
	Decree    sojourn.Decree
	Elections []sojourn.Election
	// Names are the names of the persons of the elections, by id.
	Names map[int64][]sojourn.Name
	Next  string
}

// decreePage shows a decree, its progress and a page of the elections of
// the persons the reader may see, each open one with its form.
func (s *site) decreePage(w http.ResponseWriter, r *http.Request, p *page) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v := decreeView{}
	if v.Decree, err = s.svc.Decree(r.Context(), id); err != nil {
		return err
	}
	list, err := s.svc.DecreeElections(r.Context(), id, after(r), pageSize+1)
	if err != nil {
		return err
	}
	electionPerson := func(e sojourn.Election) int64 { return e.PersonID }
	v.Elections, v.Next = pageOf(r, list, electionPerson)
	if v.Names, err = s.svc.PersonNames(r.Context(), idsOf(v.Elections, electionPerson)); err != nil {
		return err
	}
	if r.URL.Query().Get("done") == "election" {
		p.Notice = p.T("decree.done.election")
	}
	p.Title, p.Data = p.T("decree.title", id), v
	return s.show(w, "decree", p)
}

// recordElection reads the form of one election on a decree's page (its
// fields named for the election, so each row's errors stay in its row)
// and records the person's choice.
func recordElection(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error) {
	decree, err := pathID(r, "id")
	if err != nil {
		return "", err
	}
	id, err := pathID(r, "election")
	if err != nil {
		return "", err
	}
	p.Form.Set("_action", p.ElectionForm(id))
	in := sojourn.ElectionInput{Choice: p.Val("choice"), ElectedOn: p.date("elected_on")}
	if err := formErr(p, in.Validate()); err != nil {
		return "", err
	}
	_, err = svc.RecordElection(ctx, id, in)
	return "/app/decrees/" + itoa(decree) + "?done=election", err
}

// ElectionForm names the form of one election.
func (p *page) ElectionForm(id int64) string { return "election" + itoa(id) }
