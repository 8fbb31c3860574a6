package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"sojourn"
	"sojourn/paper"
)

// PermitPath names a permit: its number, and the issuing authority when
// several authorities' series have that number.
type PermitPath struct {
	Number    string `path:"number" minLength:"1" maxLength:"32" example:"R-000001"`
	Authority string `query:"authority" maxLength:"16" doc:"issuing authority, needed only when the number is used by several"`
}

func (h *handler) registerPermits(api huma.API) {
	get := h.op("get-permit", http.MethodGet, "/permits/{number}",
		"Get a permit: JSON, or the permit document as PDF with Accept: application/pdf", "permits")
	get.Responses = map[string]*huma.Response{"200": documentResponse[sojourn.PermitRecord](api,
		"the permit (JSON), or its document (PDF, A5) with the holder's names, validity and the QR code of its verification page", pdfType)}
	huma.Register(api, get, func(ctx context.Context, in *struct {
		PermitPath
		Accept string `header:"Accept"`
	}) (*document, error) {
		p, err := h.svc.Permit(ctx, in.Number, in.Authority)
		if err != nil {
			return nil, h.problem(err)
		}
		if p.VerifyToken != "" {
			p.VerifyURL = publicBase(ctx, h.cfg) + "/verify/" + p.VerifyToken
		}
		if !wantsPDF(in.Accept) {
			return h.jsonDocument(p)
		}
		b, err := paper.PermitPDF(paper.Permit{Number: p.Number, AuthorityCode: p.Authority,
			AuthorityName: p.AuthorityName, Holder: p.Holder, BirthDate: p.BirthDate, Period: p.Period,
			IssuedOn: p.IssuedOn, VerifyURL: p.VerifyURL, Made: p.IssuedOn.Time()})
		return h.encoded(pdfType, b, err)
	})
	revoke := h.op("revoke-permit", http.MethodPost, "/permits/{number}/revocation",
		"Revoke a permit from a day, with grounds and legal references", "permits")
	revoke.Errors = append(revoke.Errors, http.StatusConflict) // already revoked
	huma.Register(api, revoke,
		func(ctx context.Context, in *struct {
			PermitPath
			Body sojourn.PermitRevocationInput
		}) (*body[sojourn.PermitRecord], error) {
			p, err := h.svc.RevokePermit(ctx, in.Number, in.Authority, in.Body)
			return result(h, &body[sojourn.PermitRecord]{p}, err)
		})
	letter := h.op("get-decision-letter", http.MethodGet, "/cases/{id}/decisions/{decision}/letter",
		"The letter notifying a decision, as PDF: grounds, explanation with rule ids and legal references, how to appeal and by when", "cases")
	letter.Responses = map[string]*huma.Response{"200": pdfResponse("the decision letter (PDF, A4)")}
	huma.Register(api, letter, func(ctx context.Context, in *struct {
		CasePath
		Decision int64 `path:"decision" minimum:"1"`
	}) (*document, error) {
		l, err := h.svc.DecisionLetter(ctx, in.ID, in.Decision)
		if err != nil {
			return nil, h.problem(err)
		}
		b, err := paper.LetterPDF(l)
		return h.encoded(pdfType, b, err)
	})
}
