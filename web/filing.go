package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"sojourn"
	"sojourn/service"
)

// nameRows is how many names (one a script) the registration form offers.
const nameRows = 3

// creation is a form that creates something: its fields, and apply, which
// reads the form, validates it and creates, returning the page to go to.
type creation struct {
	fields func() []string
	apply  func(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error)
}

// creations are the forms that register a person, add a document, file a
// case, approve one by its number, record a protection and lift one, and
// register a resident with the office of a city, and record an election
// under a citizenship decree, by their action name.
var creations = map[string]creation{
	"register": {fields: registerFields, apply: func(ctx context.Context, svc *service.Service, p *page, _ *http.Request) (string, error) {
		in := sojourn.PersonInput{Authority: p.Val("authority"), BirthDate: p.date("birth_date"), CountryOfOrigin: p.Val("country_of_origin")}
		for i := range nameRows {
			n := sojourn.Name{Script: p.Val(nameField(i, "script")), Given: p.Val(nameField(i, "given")), Family: p.Val(nameField(i, "family"))}
			if n.Given != "" || n.Family != "" {
				in.Names = append(in.Names, n)
			}
		}
		if err := formErr(p, in.Validate()); err != nil {
			return "", err
		}
		pp, err := svc.RegisterPerson(ctx, in)
		return "/app/persons/" + itoa(pp.ID) + "?done=register", err
	}},
	"document": {fields: func() []string {
		return []string{"kind", "number", "issuing_state", "valid_from", "valid_to"}
	}, apply: func(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return "", err
		}
		in := sojourn.DocumentInput{Kind: p.Val("kind"), Number: p.Val("number"), IssuingState: p.Val("issuing_state"),
			Period: sojourn.Period{ValidFrom: p.date("valid_from"), ValidTo: p.date("valid_to")}}
		if err := formErr(p, in.Validate()); err != nil {
			return "", err
		}
		_, err = svc.AddDocument(ctx, id, in)
		return "/app/persons/" + itoa(id) + "?done=document", err
	}},
	"file": {fields: func() []string {
		return []string{"type", "authority", "filed_on", "petition.sponsor", "petition.filed_on", "classification",
			"particulars.ground", "particulars.exceptional_route", "particulars.stay_purpose", "particulars.stay_until"}
	}, apply: func(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return "", err
		}
		in := sojourn.CaseInput{Type: p.Val("type"), PersonID: id, Authority: p.Val("authority"), FiledOn: p.date("filed_on"),
			Classification: sojourn.Level(p.Val("classification"))}
		if sponsor := p.Val("petition.sponsor"); sponsor != "" {
			in.Petition = &sojourn.Petition{Sponsor: sponsor, FiledOn: p.date("petition.filed_on")}
		}
		in.Particulars = readParticulars(p, in.Type)
		if err := formErr(p, in.Validate()); err != nil {
			return "", err
		}
		c, err := svc.FileCase(ctx, in)
		return "/app/cases/" + itoa(c.ID) + "?done=file", err
	}},
	"approval":  {fields: func() []string { return []string{"case", "approved_on", "grounds", "confirm"} }, apply: approveByNumber},
	"protect":   {fields: func() []string { return []string{"ground", "valid_from", "valid_to", "grounds"} }, apply: protect},
	"lift":      {fields: func() []string { return []string{"protection", "lifted_on", "grounds", "legal_refs"} }, apply: liftProtection},
	"election":  {fields: func() []string { return []string{"choice", "elected_on"} }, apply: recordElection},
	"residence": {fields: func() []string { return []string{"city", "category", "valid_from", "valid_to"} }, apply: registerResident},
}

// readParticulars reads the particulars of the filing form: none when the
// form gives none and the case type takes none (the service then names what
// a type that takes them lacks, field by field).
func readParticulars(p *page, caseType string) *sojourn.ParticularsInput {
	in := sojourn.ParticularsInput{Ground: p.Val("particulars.ground"), ExceptionalRoute: p.Val("particulars.exceptional_route") == "on",
		StayPurpose: p.Val("particulars.stay_purpose"), StayUntil: p.date("particulars.stay_until")}
	takes := caseType == sojourn.CaseAdmission || caseType == sojourn.CaseStay || caseType == sojourn.CaseStayExtension
	if !takes && in == (sojourn.ParticularsInput{}) {
		return nil
	}
	return &in
}

// registerFields are the fields of the registration form.
func registerFields() []string {
	out := []string{"authority", "birth_date", "country_of_origin", "names"}
	for i := range nameRows {
		out = append(out, nameField(i, "script"), nameField(i, "given"), nameField(i, "family"))
	}
	return out
}

// nameField names a field of the i-th name, as the service names it.
func nameField(i int, part string) string { return "names[" + strconv.Itoa(i) + "]." + part }

// formErr joins the fields the form could not read with the input's own
// validation: nil when both are clean.
func formErr(p *page, err error) error {
	if len(p.Errors) == 0 {
		return err
	}
	formErr := &sojourn.Error{Code: sojourn.CodeInvalid, Message: "the form has errors"}
	var se *sojourn.Error
	if errors.As(err, &se) {
		formErr.Fields = se.Fields
	}
	return formErr
}

// create runs a creation form; bad input goes back to the form's page next
// to its fields, changing nothing.
func (s *site) create(name string, back handlerFunc) handlerFunc {
	c := creations[name]
	return func(w http.ResponseWriter, r *http.Request, p *page) error {
		if err := parseForm(r, p); err != nil {
			return err
		}
		p.Form.Set("_action", name)
		next, err := c.apply(r.Context(), s.svc, p, r)
		if err == nil {
			http.Redirect(w, r, next, http.StatusSeeOther)
			return nil
		}
		if !p.refused(err, c.fields()...) {
			return err
		}
		w = statusWriter{w, statusOf(sojourn.ErrorCode(err))}
		return back(w, r, p)
	}
}

// statusWriter answers with a set status whatever the page writes.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader writes the set status instead of code.
func (w statusWriter) WriteHeader(int) { w.ResponseWriter.WriteHeader(w.status) }
