package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"

	"sojourn"
	"sojourn/service"
)

// pagePassword is the bench officer's password for the web application.
const pagePassword = "bench officer password"

// pageRenders times the web application's person page and case page,
// rendered by the server for a logged-in officer, over a sample of the
// population's persons and cases: what an officer waits for on every click.
func pageRenders(ctx context.Context, svc *service.Service, url, code string, persons []int64, reads, workers int) ([]Result, error) {
	officer := code + "-officer"
	sys := service.WithActor(ctx, sojourn.System)
	if err := svc.SetPassword(sys, officer, sojourn.PasswordInput{Password: pagePassword}); err != nil {
		return nil, err
	}
	session, err := svc.Login(ctx, sojourn.LoginInput{Name: officer, Password: pagePassword}, "127.0.0.1", "")
	if err != nil {
		return nil, err
	}
	cases, err := svc.Cases(service.WithActor(ctx, sojourn.Actor{Name: officer, Role: sojourn.RoleOfficer, Authority: code, Clearance: sojourn.Secret}),
		service.CaseQuery{Limit: 500})
	if err != nil {
		return nil, err
	}
	if len(cases) == 0 || len(persons) == 0 {
		return nil, fmt.Errorf("page renders: no cases or persons to show")
	}
	page := func(path string) func(*http.Client, int64) error {
		return func(c *http.Client, id int64) error { return getPage(c, fmt.Sprintf("%s%s%d", url, path, id), session) }
	}
	samplePersons, sampleCases := make([]int64, reads), make([]int64, reads)
	for i := range reads {
		samplePersons[i], sampleCases[i] = persons[rand.IntN(len(persons))], cases[rand.IntN(len(cases))].ID
	}
	person, err := drive("person page render", samplePersons, workers, page("/app/persons/"))
	if err != nil {
		return nil, err
	}
	kase, err := drive("case page render", sampleCases, workers, page("/app/cases/"))
	return []Result{person, kase}, err
}

// getPage gets a page of the web application with a session and checks
// for 200.
func getPage(client *http.Client, url, session string) error {
	return get(client, url, func(req *http.Request) {
		req.AddCookie(&http.Cookie{Name: "sojourn_session", Value: session})
	}, nil)
}
