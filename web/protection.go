package web

import (
	"context"
	"net/http"
	"strings"

	"sojourn"
	"sojourn/service"
)

// protect reads the protection form of a person's page and records the
// protection (a departure of the person is suspended by it).
func protect(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return "", err
	}
	in := sojourn.ProtectionInput{Ground: p.Val("ground"), Period: sojourn.Period{ValidFrom: p.date("valid_from"), ValidTo: p.date("valid_to")},
		Grounds: p.Val("grounds")}
	if err := formErr(p, in.Validate()); err != nil {
		return "", err
	}
	_, err = svc.RecordProtection(ctx, id, in)
	return "/app/persons/" + itoa(id) + "?done=protect", err
}

// liftProtection reads the lifting form of a person's page: the separate,
// reasoned decision that alone ends a protection.
func liftProtection(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return "", err
	}
	fact := p.int64Field("protection")
	if fact == 0 && p.Errors["protection"] == "" {
		p.Errors["protection"] = p.T("msg.is required")
	}
	in := sojourn.LiftingInput{LiftedOn: p.date("lifted_on"), Grounds: p.Val("grounds"), LegalRefs: lines(p.Val("legal_refs"))}
	if err := formErr(p, in.Validate()); err != nil {
		return "", err
	}
	_, err = svc.LiftProtection(ctx, id, fact, in)
	return "/app/persons/" + itoa(id) + "?done=lift", err
}

// lines splits a text field into its non-empty lines, trimmed.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Protections are the protections of a person's timeline that still hold
// open-ended, which the lifting form offers.
func (v personView) Protections() []sojourn.StatusFact {
	var out []sojourn.StatusFact
	for _, f := range v.Timeline {
		if f.Kind == sojourn.FactProtection && f.ValidTo.IsZero() && !f.Retracted {
			out = append(out, f)
		}
	}
	return out
}

// AddChoice returns f with one more choice of a select, with its label.
func (p *page) AddChoice(f fieldView, value int64, label string) fieldView {
	v := itoa(value)
	f.Options = append(f.Options, option{Value: v, Label: label, Selected: v == f.Value})
	return f
}
