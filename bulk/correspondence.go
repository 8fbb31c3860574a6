package bulk

import (
	"context"
	"fmt"
	"math/rand/v2"

	"sojourn"
	"sojourn/service"
	"sojourn/store"
)

// A generated person writes to the office keeping them now and then: a
// letter registered in the office's series of incoming letters, linked to
// the person, as sojourn corr register would register it.

// letterChance is the chance, out of 100, that a person wrote a letter.
const letterChance = 10

// letterSubjects are what generated letters are about.
var letterSubjects = []string{"Application for a residence permit", "Request to extend a stay", "Change of address",
	"Request for a copy of a decision", "Appeal against a decision", "Notice of departure"}

// letterSeries is the code of the generated offices' series of incoming
// letters.
const letterSeries = "gen-in"

// ensureSeries opens the series of incoming letters at each generated
// office that has none, and returns them by authority.
func ensureSeries(ctx context.Context, svc *service.Service, st *store.Store, codes []string) (map[string]sojourn.Series, error) {
	out := map[string]sojourn.Series{}
	for _, code := range codes {
		var found []sojourn.Series
		if err := st.Read(ctx, func(tx *store.Tx) (err error) {
			found, err = tx.ListSeries(ctx, code)
			return err
		}); err != nil {
			return nil, err
		}
		for _, s := range found {
			if s.Code == letterSeries {
				out[code] = s
			}
		}
		if _, ok := out[code]; ok {
			continue
		}
		s, err := svc.CreateSeries(ctx, sojourn.SeriesInput{Authority: code, Code: letterSeries, Format: "{n}/in/{year}",
			Title: "Incoming letters (generated)"})
		if err != nil {
			return nil, err
		}
		out[code] = s
	}
	return out, nil
}

// letter is a generated person's letter, if they wrote one.
func letter(r *rand.Rand, p PersonRow) *sojourn.ItemInput {
	if r.IntN(100) >= letterChance {
		return nil
	}
	subject := letterSubjects[r.IntN(len(letterSubjects))]
	written := p.BirthDate.AddYears(20 + r.IntN(25))
	return &sojourn.ItemInput{Kind: sojourn.ItemLetter, Direction: sojourn.DirectionIncoming, Date: written,
		Addressee: sojourn.Party{Authority: p.Authority}, Subject: subject, Retention: "25y",
		Body: fmt.Sprintf("%s. I, %s, born %s, ask the office to consider my request.", subject, p.Names[0].Full(), p.BirthDate)}
}

// writeLetters registers the letters of the persons written in the batch
// in their office's series, each linked to its writer, numbered last.
func writeLetters(ctx context.Context, tx *store.Tx, actor sojourn.Actor, series map[string]sojourn.Series, pop []synthetic, persons []*item) error {
	for i, it := range persons {
		in := pop[i].letter
		if in == nil || !it.ok() {
			continue
		}
		p := pop[i].person
		s := series[p.Authority]
		in.SeriesID, in.Sender = s.ID, sojourn.Party{PersonID: p.ID}
		if err := in.Validate(); err != nil {
			return err
		}
		bodyHash := sojourn.HashHex([]byte(in.Body))
		item := sojourn.Item{Authority: s.Authority, SeriesID: s.ID, Year: in.Date.Time().Year(), Kind: in.Kind, Direction: in.Direction,
			Date: in.Date, Sender: in.Sender, Addressee: in.Addressee, Subject: in.Subject, Classification: in.Level(), Body: in.Body,
			ContentHash: sojourn.ContentHash(bodyHash, nil), Retention: in.Retention, RetainUntil: sojourn.RetainUntil(in.Retention, in.Date),
			RecordedBy: actor.Name}
		id, err := tx.InsertItem(ctx, item, bodyHash)
		if err != nil {
			return err
		}
		if err := tx.AddLink(ctx, id, sojourn.ItemLink{PersonID: p.ID}); err != nil {
			return err
		}
		if _, _, err := tx.NumberItem(ctx, id, s, item.Year); err != nil {
			return err
		}
	}
	return nil
}
