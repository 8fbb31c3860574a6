package demo

import (
	"context"
	"crypto/rand"

	"sojourn"
	"sojourn/service"
)

// Login is a demo user's name and password for the web application.
type Login struct {
	Role, Name, Password string
}

// staffRoles are the demo's users at VRD, one a role (the auditor and the
// administrator belong to no authority).
var staffRoles = []sojourn.UserInput{
	{Name: "demo-clerk", Role: sojourn.RoleClerk, Authority: "VRD", Clearance: sojourn.Restricted},
	{Name: "demo-officer", Role: sojourn.RoleOfficer, Authority: "VRD", Clearance: sojourn.Secret},
	{Name: "demo-head", Role: sojourn.RoleHead, Authority: "VRD", Clearance: sojourn.TopSecret},
	{Name: "demo-auditor", Role: sojourn.RoleAuditor, Clearance: sojourn.TopSecret},
	{Name: "demo-admin", Role: sojourn.RoleAdmin, Clearance: sojourn.TopSecret},
}

// Logins makes sure a demo user exists for each role and gives each a new
// random password, returned for the person trying the demo.
func Logins(ctx context.Context, svc *service.Service) ([]Login, error) {
	sys := service.WithActor(ctx, sojourn.System)
	var out []Login
	for _, u := range staffRoles {
		if _, _, err := svc.CreateUser(sys, u); err != nil && sojourn.ErrorCode(err) != sojourn.CodeConflict {
			return nil, err
		}
		pw := rand.Text()
		if err := svc.SetPassword(sys, u.Name, sojourn.PasswordInput{Password: pw}); err != nil {
			return nil, err
		}
		out = append(out, Login{Role: u.Role, Name: u.Name, Password: pw})
	}
	return out, nil
}
