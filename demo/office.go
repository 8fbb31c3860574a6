package demo

import (
	"context"

	"sojourn"
	"sojourn/service"
)

// office is the demo's paperwork beyond persons and cases, done by an
// administrator: HQ's delegation of return requests to VRD, VRD's register
// of letters with the sponsor's letter on the admission case, and a
// fictional citizenship decree (S7) over the demo's citizens of CS, whose
// elections the server's job runner opens.
func office(ctx, clerk context.Context, svc *service.Service, admission sojourn.Case) error {
	admin := service.WithActor(ctx, sojourn.Actor{Name: "demo-admin", Role: sojourn.RoleAdmin, Clearance: sojourn.TopSecret})
	if _, err := svc.CreateDelegation(admin, sojourn.DelegationInput{From: "HQ", To: "VRD", LegalRef: "Order of the Minister No. 12 of 1946 (fictional)",
		Scope: sojourn.Scope{CaseTypes: []string{sojourn.CaseReturnRequest}}, Period: sojourn.Period{ValidFrom: d("1946-01-01")}}); err != nil {
		return err
	}
	series, err := svc.CreateSeries(admin, sojourn.SeriesInput{Authority: "VRD", Code: "in", Format: "{n}/in", Title: "Incoming letters"})
	if err != nil {
		return err
	}
	if _, err := svc.RegisterItem(clerk, sojourn.ItemInput{SeriesID: series.ID, Kind: sojourn.ItemLetter, Direction: sojourn.DirectionIncoming,
		Date: admission.Petition.FiledOn, Sender: sojourn.Party{Text: "International Aid Society"}, Addressee: sojourn.Party{Authority: "VRD"},
		Subject: "Recommendation for the admission of Ruth Adler", Body: "The Society recommends the applicant's admission.",
		Retention: sojourn.RetentionPermanent, CaseIDs: []int64{admission.ID}, PersonIDs: []int64{admission.PersonID}}); err != nil {
		return err
	}
	_, err = svc.IssueDecree(admin, sojourn.DecreeInput{LegalReference: "Decree of 1 March 1946 on former citizens of CS abroad (fictional)",
		DecreedOn: d("1946-03-01"), Class: `"CS" in citizenships`, Citizenship: "CS", Grants: "AT", Deadline: d("1946-12-31")})
	return err
}
