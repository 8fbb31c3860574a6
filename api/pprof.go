package api

import (
	"net/http"
	"net/http/pprof"

	"sojourn"
	"sojourn/service"
)

// registerPprof serves net/http/pprof under /debug/pprof/, to
// administrators only: any other caller, signed in or not, gets the same
// 404 as when profiling is off, so the answer does not tell it is on.
func registerPprof(mux *http.ServeMux, svc *service.Service) {
	profiles := http.NewServeMux()
	profiles.HandleFunc("/debug/pprof/", pprof.Index)
	profiles.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	profiles.HandleFunc("/debug/pprof/profile", pprof.Profile)
	profiles.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	profiles.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("/debug/pprof/", func(w http.ResponseWriter, r *http.Request) {
		if a, err := requestActor(r, svc); err != nil || a.Role != sojourn.RoleAdmin {
			http.NotFound(w, r)
			return
		}
		profiles.ServeHTTP(w, r)
	})
}

// requestActor authenticates a plain HTTP request as the API does.
func requestActor(r *http.Request, svc *service.Service) (sojourn.Actor, error) {
	session := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		session = c.Value
	}
	return authenticateWith(r.Context(), svc, r.Header.Get("Authorization"), session)
}
