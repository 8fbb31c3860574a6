package service_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"sojourn"
	"sojourn/jobs"
	"sojourn/service"
	"sojourn/store"
	"sojourn/store/storetest"
)

// BenchmarkWhatIf measures a what-if run of the residence pack's 1930
// version over open cases (half of them with a sponsor petition, half with
// a passport), reporting cases evaluated per second.
func BenchmarkWhatIf(b *testing.B) {
	const n = 10000
	ctx := context.Background()
	st := storetest.Open(b, "sqlite")
	seedOpenCases(b, st, n)
	svc := service.New(st, service.DefaultConfig())
	if _, err := jobs.ForService(ctx, st, svc, jobs.DefaultConfig()); err != nil {
		b.Fatal(err)
	}
	sys := service.WithActor(ctx, sojourn.System)
	src, _ := os.ReadFile("../policies/residence.yaml")
	if _, err := svc.UploadPolicyPack(sys, sojourn.PolicyUpload{Source: string(src)}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		run, err := svc.StartWhatIf(sys, sojourn.WhatIfInput{Pack: "residence", Version: "1930", Scope: sojourn.ScopeOpen})
		if err != nil {
			b.Fatal(err)
		}
		err = svc.RunWhatIf(ctx, run.Job, func(ctx context.Context, tx *store.Tx, done, total int) error {
			return tx.JobProgress(ctx, run.ID, done, total)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "cases/s")
}

// seedOpenCases files n open residence cases at VRD, filed in 1938.
func seedOpenCases(b *testing.B, st *store.Store, n int) {
	now := time.Now()
	d := sojourn.MustDate
	err := st.Write(context.Background(), func(tx *store.Tx) error {
		ctx := context.Background()
		if _, err := tx.CreateAuthority(ctx, sojourn.AuthorityInput{Code: "VRD", Name: "VRD", Kind: sojourn.KindDepartment,
			CaseTypes: []string{sojourn.CaseResidencePermit}, Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now); err != nil {
			return err
		}
		if _, err := tx.CreateSponsor(ctx, sojourn.SponsorInput{Code: "IAS", Name: "Aid", Country: "CS"}, now); err != nil {
			return err
		}
		if _, err := tx.CreateAccreditation(ctx, "IAS", sojourn.AccreditationInput{Authority: "VRD", Period: sojourn.Period{ValidFrom: d("1935-01-01")}}); err != nil {
			return err
		}
		for i := range n {
			p, err := tx.CreatePerson(ctx, sojourn.PersonInput{Authority: "VRD", Names: []sojourn.Name{{Script: "Latin", Family: "Novak", Given: "Jan"}},
				BirthDate: d("1900-01-01"), CountryOfOrigin: "CS"}, now)
			if err != nil {
				return err
			}
			in := sojourn.CaseInput{Type: sojourn.CaseResidencePermit, PersonID: p.ID, Authority: "VRD", FiledOn: d("1938-03-01"),
				Classification: sojourn.Unclassified}
			if i%2 == 0 {
				in.Petition = &sojourn.Petition{Sponsor: "IAS", FiledOn: in.FiledOn}
			} else {
				doc, err := tx.CreateDocument(ctx, p.ID, sojourn.DocumentInput{Kind: sojourn.DocPassport, Number: "P" + strconv.Itoa(i),
					IssuingState: "CS", Period: sojourn.Period{ValidFrom: d("1930-01-01")}}, now)
				if err != nil {
					return err
				}
				if _, err := tx.RecordFact(ctx, doc.Fact("VRD", "bench", now)); err != nil {
					return err
				}
			}
			if _, err := tx.CreateCase(ctx, in, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
