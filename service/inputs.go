package service

import (
	"context"
	"time"

	"sojourn"
	"sojourn/policy"
	"sojourn/store"
)

// inputSource derives one policy input from a case on the evaluation date.
type inputSource func(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date) (any, error)

// caseInputs lists, per case type, the inputs Sojourn derives from a case.
var caseInputs = map[string]map[string]inputSource{
	sojourn.CaseResidencePermit: {
		"has_valid_passport": hasValidPassport,
		"sponsor_petition": func(_ context.Context, _ *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
			return c.Petition != nil, nil
		},
		"sponsor_accredited": sponsorAccredited,
	},
	sojourn.CaseAdmission: admissionInputs,
}

// hasValidPassport: the person holds a passport valid on the date, as the
// status ledger says at the evaluation's record time.
func hasValidPassport(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date) (any, error) {
	docs, err := f.documents(ctx, c.PersonID)
	for _, d := range docs {
		if d.Kind == sojourn.DocPassport && d.Contains(on) {
			return true, err
		}
	}
	return false, err
}

// sponsorAccredited: the petition counts (see Case.PetitionAccredited, which
// the case view uses too).
func sponsorAccredited(ctx context.Context, f *facts, c sojourn.Case, _ sojourn.Date) (any, error) {
	if c.Petition == nil {
		return false, nil
	}
	accs, err := f.accreditations(ctx, c.Petition.Sponsor)
	return c.PetitionAccredited(accs), err
}

// inputsFor derives the inputs version v declares, and only those.
func inputsFor(ctx context.Context, f *facts, c sojourn.Case, on sojourn.Date, v *policy.Version) (map[string]any, error) {
	out := make(map[string]any, len(v.Inputs))
	for _, in := range v.Inputs {
		src, ok := caseInputs[c.Type][in.Name]
		if !ok {
			return nil, sojourn.Errorf(sojourn.CodePreconditionFailed,
				"pack %s version %s declares input %s, which Sojourn cannot derive for %s cases", v.Pack, v.Name, in.Name, c.Type)
		}
		val, err := src(ctx, f, c, on)
		if err != nil {
			return nil, err
		}
		out[in.Name] = val
	}
	return out, nil
}

// facts answers what input sources ask beyond the case itself, as known at
// one record time (knownAt), reading in one transaction and remembering the
// answers; a what-if run preloads the documents of a page of cases and
// shares accreditations across pages.
type facts struct {
	tx      *store.Tx
	knownAt time.Time
	docs    map[int64][]sojourn.Document       // by person
	accs    map[string][]sojourn.Accreditation // by sponsor
}

func newFacts(tx *store.Tx, knownAt time.Time, accs map[string][]sojourn.Accreditation) *facts {
	return &facts{tx: tx, knownAt: knownAt, docs: map[int64][]sojourn.Document{}, accs: accs}
}

// documents returns a person's documents with their validity, as known at
// f.knownAt (the reading the person's file gives).
func (f *facts) documents(ctx context.Context, personID int64) ([]sojourn.Document, error) {
	if docs, ok := f.docs[personID]; ok {
		return docs, nil
	}
	docs, err := documentsAsKnown(ctx, f.tx, personID, f.knownAt)
	f.docs[personID] = docs
	return docs, err
}

// accreditations returns a sponsor's accreditations.
func (f *facts) accreditations(ctx context.Context, sponsor string) ([]sojourn.Accreditation, error) {
	if accs, ok := f.accs[sponsor]; ok {
		return accs, nil
	}
	accs, err := f.tx.AccreditationsOf(ctx, sponsor)
	f.accs[sponsor] = accs
	return accs, err
}

// preload reads the documents of the persons of cases, and their ledger
// facts, in two queries; it reads the documents as known now, so f.knownAt
// must be now.
func (f *facts) preload(ctx context.Context, cases []sojourn.Case) error {
	ids := make([]int64, len(cases))
	for i, c := range cases {
		ids[i] = c.PersonID
	}
	docs, err := f.tx.DocumentsOfPersons(ctx, ids)
	if err != nil {
		return err
	}
	facts, err := f.tx.DocumentFactsOfPersons(ctx, ids)
	for _, id := range ids {
		f.docs[id] = sojourn.DocumentsAsKnown(docs[id], facts[id], f.knownAt)
	}
	return err
}
