package web

import (
	"context"
	"net/http"

	"sojourn"
	"sojourn/service"
)

// registerResident reads the residence registration form of a person's
// page and registers the person with the office of the city.
func registerResident(ctx context.Context, svc *service.Service, p *page, r *http.Request) (string, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return "", err
	}
	in := sojourn.RegistrationInput{City: p.Val("city"), Category: p.Val("category"),
		Period: sojourn.Period{ValidFrom: p.date("valid_from"), ValidTo: p.date("valid_to")}}
	if err := formErr(p, in.Validate()); err != nil {
		return "", err
	}
	_, err = svc.Register(ctx, id, in)
	return "/app/persons/" + itoa(id) + "?done=residence", err
}
