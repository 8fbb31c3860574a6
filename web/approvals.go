package web

import (
	"context"
	"net/http"

	"sojourn"
	"sojourn/service"
)

// approvalsView is a page of approvals.
type approvalsView struct {
	Approvals []sojourn.CaseApproval
	Next      string
}

// approvals lists a page of the approvals the user may see and shows the
// approval form of the top authority's head: an admission by an
// exceptional route is approved by its case number, as the case itself is
// the deciding authority's to read (the service lets the top authority
// approve it, not read it).
func (s *site) approvals(w http.ResponseWriter, r *http.Request, p *page) error {
	if done := r.URL.Query().Get("done"); done != "" {
		p.Notice = p.T("approval.done", done)
	}
	var v approvalsView
	list, err := s.svc.Approvals(r.Context(), after(r), pageSize+1)
	if err != nil {
		return err
	}
	v.Approvals, v.Next = pageOf(r, list, func(a sojourn.CaseApproval) int64 { return a.CaseID })
	p.Title, p.Data = p.T("approval.title"), v
	return s.show(w, "approvals", p)
}

// approveByNumber reads the approval form and, once confirmed, records the
// approval; a case the head may not approve is named next to its number.
func approveByNumber(ctx context.Context, svc *service.Service, p *page, _ *http.Request) (string, error) {
	id := p.int64Field("case")
	in := sojourn.ApprovalInput{ApprovedOn: p.date("approved_on"), Grounds: p.Val("grounds")}
	if id == 0 && p.Errors["case"] == "" {
		p.Errors["case"] = p.T("msg.is required")
	}
	if p.Val("confirm") != "on" {
		p.Errors["confirm"] = p.T("approval.confirm_needed")
	}
	if err := formErr(p, in.Validate()); err != nil {
		return "", err
	}
	_, err := svc.ApproveCase(ctx, id, 0, in)
	if sojourn.ErrorCode(err) == sojourn.CodeNotFound {
		p.Errors["case"] = p.T("approval.not_found")
		return "", formErr(p, nil)
	}
	return "/app/approvals?done=" + itoa(id), err
}
