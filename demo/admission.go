package demo

import (
	"context"

	"sojourn"
	"sojourn/policies"
	"sojourn/service"
)

// admission puts the admission pack in use and files a fictional
// admission by an exceptional route at VRD, which the head of HQ, the top
// authority, approves (S3): the case then waits for VRD's decision.
func admission(ctx, clerk context.Context, svc *service.Service) (sojourn.Case, error) {
	pack, err := policies.Files.ReadFile("admission.yaml")
	if err != nil {
		return sojourn.Case{}, err
	}
	if _, err := svc.UploadPolicyPack(ctx, sojourn.PolicyUpload{Source: string(pack)}); err != nil {
		return sojourn.Case{}, err
	}
	p, err := svc.RegisterPerson(clerk, sojourn.PersonInput{Authority: "VRD", BirthDate: d("1911-04-17"), CountryOfOrigin: "CS",
		Names: []sojourn.Name{{Script: "Latin", Given: "Ruth", Family: "Adler"}}})
	if err != nil {
		return sojourn.Case{}, err
	}
	c, err := svc.FileCase(clerk, sojourn.CaseInput{Type: sojourn.CaseAdmission, PersonID: p.ID, Authority: "VRD", FiledOn: d("1939-03-02"),
		Petition:    &sojourn.Petition{Sponsor: "IAS", FiledOn: d("1939-03-01")},
		Particulars: &sojourn.ParticularsInput{Ground: sojourn.GroundPersecution, ExceptionalRoute: true}})
	if err != nil {
		return sojourn.Case{}, err
	}
	hqHead := service.WithActor(ctx, sojourn.Actor{Name: "demo-hq-head", Role: sojourn.RoleHead, Authority: "HQ", Clearance: sojourn.TopSecret})
	return svc.ApproveCase(hqHead, c.ID, c.Version, sojourn.ApprovalInput{ApprovedOn: d("1939-03-06"),
		Grounds: "Crossing approved: the applicant was at risk at the border."})
}
