package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime/pprof"
	"strings"
	"time"

	"sojourn"
	"sojourn/api"
	"sojourn/service"
	"sojourn/store"
)

// CorrSearchConfig says how many items to load and how to search them.
type CorrSearchConfig struct {
	DSN     string // the database, loaded directly (a throwaway one)
	Items   int    // items to load
	Workers int    // concurrent searchers
	Queries int    // searches to time
	// Profile, when set, receives a CPU profile of the searches (not of
	// the loading before them).
	Profile io.Writer
}

// vocabulary is the number of distinct words items are written in, half
// Latin, half Cyrillic.
const vocabulary = 20000

// word returns the i-th word of the synthetic vocabulary.
func word(i int) string {
	latin, cyrillic := []rune("bcdfghklmnprstvz"), []rune("бвгдзклмнпрстфхч")
	vowels := []rune("aeiou")
	cons := latin
	if i%2 == 1 {
		cons, vowels = cyrillic, []rune("аеиоу")
	}
	var b strings.Builder
	for n := i/2 + 1; n > 0; n /= 16 {
		b.WriteRune(cons[n%16])
		b.WriteRune(vowels[n%5])
	}
	return b.String()
}

// text returns n words drawn uniformly from the vocabulary.
func text(r *rand.Rand, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = word(r.IntN(vocabulary))
	}
	return strings.Join(words, " ")
}

// CorrSearch loads cfg.Items registry items of one authority (dates from
// 1930 to 1959, mostly unclassified (see level), subjects of 6 and bodies of 40
// words from a 20,000-word Latin and Cyrillic vocabulary) and times, over
// HTTP, full-text searches of two words, then of one word within five
// years, then (a tenth as many) searches by number alone, by an officer
// cleared secret, newest 20 first. The series and the officer are made
// through the service; the items themselves are written straight into the tables in
// batches (not audited: this population exists only to be searched), as
// registering a million items one by one would take hours.
func CorrSearch(ctx context.Context, st *store.Store, cfg CorrSearchConfig) ([]Result, error) {
	svc := service.New(st, service.DefaultConfig())
	token, code, err := staffedOffice(ctx, svc, "C")
	if err != nil {
		return nil, err
	}
	series, err := svc.CreateSeries(service.WithActor(ctx, sojourn.System), sojourn.SeriesInput{Authority: code, Code: "b", Format: "{n}/b"})
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := loadItems(ctx, st.Dialect(), cfg, code, series.ID); err != nil {
		return nil, err
	}
	made := Result{Name: "load items", Ops: cfg.Items, Elapsed: time.Since(start)}
	made.Throughput = float64(made.Ops) / made.Elapsed.Seconds()
	apiCfg := api.DefaultConfig()
	apiCfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(api.Handler(svc, st.Ping, apiCfg))
	defer srv.Close()
	if cfg.Profile != nil {
		if err := pprof.StartCPUProfile(cfg.Profile); err != nil {
			return nil, err
		}
		defer pprof.StopCPUProfile()
	}
	r, rn := rand.New(rand.NewPCG(2, 3)), rand.New(rand.NewPCG(3, 4))
	queries := make([]int64, cfg.Queries)
	texts, numbers := make([]string, cfg.Queries), make([]string, cfg.Queries)
	for i := range queries {
		queries[i], texts[i], numbers[i] = int64(i), text(r, 2), fmt.Sprintf("%d/b", 1+rn.IntN(cfg.Items))
	}
	_, err = drive("warm-up", queries[:min(len(queries), 20)], cfg.Workers, func(c *http.Client, i int64) error {
		return getOK(c, srv.URL+"/api/v1/correspondence?limit=20&q="+url.QueryEscape(strings.Fields(texts[i])[0]), token)
	})
	if err != nil {
		return nil, err
	}
	two, err := drive("correspondence search, two words", queries, cfg.Workers, func(c *http.Client, i int64) error {
		return getOK(c, srv.URL+"/api/v1/correspondence?limit=20&q="+url.QueryEscape(texts[i]), token)
	})
	if err != nil {
		return nil, err
	}
	word, err := drive("correspondence search, one word + dates", queries, cfg.Workers, func(c *http.Client, i int64) error {
		return getOK(c, srv.URL+"/api/v1/correspondence?limit=20&from=1940-01-01&to=1944-12-31&q="+url.QueryEscape(strings.Fields(texts[i])[0]), token)
	})
	if err != nil {
		return nil, err
	}
	byNumber, err := drive("correspondence search, a number", queries[:len(queries)/10], cfg.Workers, func(c *http.Client, i int64) error {
		return getOK(c, srv.URL+"/api/v1/correspondence?limit=20&number="+url.QueryEscape(numbers[i]), token)
	})
	return []Result{made, two, word, byNumber}, err
}

// level gives 90% of the items no classification, 7% restricted, 2.5%
// secret and 0.5% top secret (n from 0 to 999).
func level(n int) sojourn.Level {
	switch {
	case n < 900:
		return sojourn.Unclassified
	case n < 970:
		return sojourn.Restricted
	case n < 995:
		return sojourn.Secret
	}
	return sojourn.TopSecret
}

// loadItems writes cfg.Items items straight into the tables, 500 a
// statement, with their bodies and full-text entries.
func loadItems(ctx context.Context, dialect string, cfg CorrSearchConfig, authority string, series int64) error {
	driver, dsn := "pgx", cfg.DSN
	if dialect == "sqlite" {
		driver, dsn = "sqlite", "file:"+strings.TrimPrefix(cfg.DSN, "sqlite:")+"?_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var base int64
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM corr_items").Scan(&base); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	const batch = 500
	for from := 0; from < cfg.Items; from += batch {
		n := min(batch, cfg.Items-from)
		var items, bodies, fts []string
		var ia, ba, fa []any
		for k := range n {
			id := base + int64(from+k) + 1
			date := sojourn.MustDate("1930-01-01").AddDays(r.IntN(30 * 365))
			seq := int64(from + k + 1)
			subject, body := text(r, 6), text(r, 40)
			items = append(items, "(?, ?, ?, ?, ?, ?, 'letter', 'incoming', ?, '', 'Outside body', ?, ?, ?, '', '', 'permanent', ?, ?, ?, 0, 'bench')")
			ia = append(ia, id, authority, series, date.Time().Year(), seq, fmt.Sprintf("%d/b", seq), date, subject,
				string(level(r.IntN(1000))), sojourn.HashHex([]byte(body)), sojourn.HashHex([]byte(body)), false, false)
			bodies = append(bodies, "(?, ?)")
			ba = append(ba, id, body)
			if dialect == "sqlite" {
				fts = append(fts, "(?, ?, ?)")
				fa = append(fa, id, subject, body)
			} else {
				fts = append(fts, "(?, to_tsvector('simple', ?))")
				fa = append(fa, id, subject+"\n"+body)
			}
		}
		ftsTable := "corr_fts (rowid, subject, body)"
		if dialect != "sqlite" {
			ftsTable = "corr_search (item_id, doc)"
		}
		stmts := []struct {
			q    string
			args []any
		}{
			{`INSERT INTO corr_items (id, authority, series_id, year, seq, number, kind, direction, item_date, sender_authority,
				sender_text, subject, classification, body_hash, addressee_authority, addressee_text, retention, content_hash,
				legal_hold, destroyed, recorded_at, recorded_by) VALUES ` + strings.Join(items, ", "), ia},
			{"INSERT INTO corr_bodies (item_id, body) VALUES " + strings.Join(bodies, ", "), ba},
			{"INSERT INTO " + ftsTable + " VALUES " + strings.Join(fts, ", "), fa},
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, rebind(dialect, s.q), s.args...); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	if dialect != "sqlite" {
		_, err = db.ExecContext(ctx, "ANALYZE")
	}
	return err
}

// rebind numbers the ? placeholders of q for PostgreSQL.
func rebind(dialect, q string) string {
	if dialect == "sqlite" {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
