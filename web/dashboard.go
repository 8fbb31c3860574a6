package web

import (
	"html/template"
	"net/http"
	"sort"

	"sojourn"
	"sojourn/service"
)

// dashboardScan caps how many cases a dashboard reads (pages of the
// service's listing, which selects by jurisdiction and clearance first).
const dashboardScan = 10000

// weeks is how many weeks of decisions the dashboard charts.
const weeks = 8

// dashboardView is a dashboard: its date, charts and whether the case
// scan stopped at its cap.
type dashboardView struct {
	On     sojourn.Date
	Charts []template.HTML
	Capped bool
}

// dashboard charts, for the viewer's jurisdiction and clearance only,
// lapses in the next 30 and 90 days, overdue reports owed to their
// authority, decisions per week by outcome and open cases by state; "on"
// picks the day it is drawn for (default today).
func (s *site) dashboard(w http.ResponseWriter, r *http.Request, p *page) error {
	p.Form = r.URL.Query()
	on := p.date("on")
	ctx := r.Context()
	var v dashboardView
	counts := map[int]int{}
	noStatus := 0
	for _, days := range []int{30, 90} {
		n, ns, resolved, err := s.countLapses(r, days, on)
		if err != nil {
			return err
		}
		counts[days], noStatus, v.On = n, ns, resolved
	}
	v.Charts = append(v.Charts, barChart(p.T("dash.lapses"), []series{{p.T("dash.persons"), "#0b5cad"}}, []bar{
		{p.T("dash.within", 30), []int{counts[30]}}, {p.T("dash.within", 90), []int{counts[90]}},
		{p.T("legal.no_legal_status"), []int{noStatus}},
	}))
	overdue := map[string]int{}
	if p.Actor.Authority != "" {
		list, err := s.svc.Overdue(ctx, p.Actor.Authority, v.On)
		if err != nil {
			return err
		}
		for _, o := range list {
			overdue[o.Obligor]++
		}
	}
	v.Charts = append(v.Charts, barChart(p.T("dash.overdue"), []series{{p.T("dash.reports"), "#a4161a"}}, countBars(overdue, p.T("list.empty"))))
	open, perWeek, capped, err := s.scanCases(r, v.On)
	if err != nil {
		return err
	}
	v.Capped = capped
	outcomes := []string{sojourn.OutcomeGrant, sojourn.OutcomeDeny, sojourn.OutcomeRefer}
	colors := []string{"#1e6b3a", "#a4161a", "#8a5a00"}
	var ser []series
	for i, o := range outcomes {
		ser = append(ser, series{p.TOr("opt.", o), colors[i]})
	}
	var weekBars []bar
	for i := weeks - 1; i >= 0; i-- {
		b := bar{Label: p.T("dash.week", p.Date(v.On.AddDays(-7*i-6))), Values: make([]int, len(outcomes))}
		for j, o := range outcomes {
			b.Values[j] = perWeek[i][o]
		}
		weekBars = append(weekBars, b)
	}
	v.Charts = append(v.Charts, barChart(p.T("dash.decisions"), ser, weekBars))
	var stateBars []bar
	for _, st := range []sojourn.CaseState{sojourn.StateFiled, sojourn.StateInReview, sojourn.StateSuspended, sojourn.StateDecided} {
		stateBars = append(stateBars, bar{p.TOr("state.", st), []int{open[st]}})
	}
	v.Charts = append(v.Charts, barChart(p.T("dash.open"), []series{{p.T("nav.cases"), "#0b5cad"}}, stateBars))
	p.Form.Set("on", v.On.String())
	p.Title, p.Data = p.T("dash.title"), v
	return s.show(w, "dashboard", p)
}

// countLapses counts the persons of the viewer's scope whose status lapses
// within days of on, and those without legal status, page by page; it
// returns the date the service resolved on to.
func (s *site) countLapses(r *http.Request, days int, on sojourn.Date) (lapsing, none int, resolved sojourn.Date, err error) {
	q := service.LapseQuery{On: on, Days: days}
	for range dashboardScan / 500 {
		l, err := s.svc.LapseList(r.Context(), q)
		if err != nil {
			return 0, 0, resolved, err
		}
		lapsing, none, resolved = lapsing+len(l.Lapsing), none+len(l.NoLegalStatus), l.On
		if l.LapsingNext == 0 && l.NoLegalStatusNext == 0 {
			break
		}
		q.LapsingAfter, q.NoStatusAfter = l.LapsingNext, l.NoLegalStatusNext
		if q.LapsingAfter == 0 {
			q.List = sojourn.LegalNone
		} else if q.NoStatusAfter == 0 {
			q.List = "lapsing"
		}
	}
	return lapsing, none, resolved, nil
}

// scanCases reads the cases the viewer may see, up to dashboardScan, and
// counts those not closed by state and the decisions of each of the weeks
// before on by outcome (week 0 ends on on).
func (s *site) scanCases(r *http.Request, on sojourn.Date) (map[sojourn.CaseState]int, []map[string]int, bool, error) {
	open := map[sojourn.CaseState]int{}
	perWeek := make([]map[string]int, weeks)
	for i := range perWeek {
		perWeek[i] = map[string]int{}
	}
	q := service.CaseQuery{Limit: 500}
	for seen := 0; seen < dashboardScan; {
		list, err := s.svc.Cases(r.Context(), q)
		if err != nil {
			return nil, nil, false, err
		}
		for _, c := range list {
			if c.State != sojourn.StateClosed {
				open[c.State]++
			}
			for _, d := range c.Decisions {
				if days := d.DecidedOn.DaysUntil(on); days >= 0 && days < 7*weeks {
					perWeek[days/7][d.Outcome]++
				}
			}
		}
		seen += len(list)
		if len(list) < q.Limit {
			return open, perWeek, false, nil
		}
		q.After = list[len(list)-1].ID
	}
	return open, perWeek, true, nil
}

// countBars makes bars of counts by name, sorted by name; none names the
// single empty bar of no counts.
func countBars(counts map[string]int, none string) []bar {
	if len(counts) == 0 {
		return []bar{{none, []int{0}}}
	}
	var out []bar
	for k, n := range counts {
		out = append(out, bar{k, []int{n}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}
