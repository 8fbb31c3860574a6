package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests (TestBrowser…) drive the web application in Debian's
// Chromium, headless, one browser for the whole package run (TestMain
// closes it), each test in its own browser context (its own cookies). They
// skip only when Chromium is absent and CI is unset; in CI a missing
// Chromium fails them. Screenshots of the main pages, in English and
// Russian, go to $SOJOURN_SCREENSHOTS or else e2e/testdata/screenshots
// (ignored by git).

// chromiumPath is where the browser is looked for.
const chromiumPath = "chromium"

// browser is the one Chromium of the package run.
var browser struct {
	once    sync.Once
	ctx     context.Context
	cancel  context.CancelFunc
	dataDir string
	err     error
}

// closeBrowser ends the package's Chromium, if it was started.
func closeBrowser() {
	if browser.cancel != nil {
		browser.cancel()
		os.RemoveAll(browser.dataDir)
	}
}

// startBrowser starts Chromium once, with a fresh profile directory.
func startBrowser() (context.Context, error) {
	browser.once.Do(func() {
		path, err := exec.LookPath(chromiumPath)
		if err != nil {
			browser.err = err
			return
		}
		if browser.dataDir, browser.err = os.MkdirTemp("", "sojourn-chromium-"); browser.err != nil {
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path), chromedp.UserDataDir(browser.dataDir),
			chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900),
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelBrowser := chromedp.NewContext(alloc)
		if browser.err = chromedp.Do(ctx); browser.err != nil {
			cancelBrowser()
			cancelAlloc()
			return
		}
		browser.ctx = ctx
		browser.cancel = func() { cancelBrowser(); cancelAlloc() }
	})
	return browser.ctx, browser.err
}

// tab is one browser tab, in a browser context of its own, on a server.
type tab struct {
	t   testing.TB
	s   *server
	ctx context.Context
}

// newTab opens a tab for a test, or skips the test when Chromium is
// missing and CI is unset.
func newTab(t *testing.T, s *server) *tab {
	t.Helper()
	ctx, err := startBrowser()
	if err != nil {
		if _, lookErr := exec.LookPath(chromiumPath); lookErr != nil && os.Getenv("CI") == "" {
			t.Skipf("Chromium is not installed (%v): the browser tests need `apt-get install chromium`", lookErr)
		}
		t.Fatalf("starting Chromium: %v", err)
	}
	tctx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	tctx, cancelTimeout := context.WithTimeout(tctx, 10*time.Minute) // a bound, not a target: a loaded CI machine is slow
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return &tab{t: t, s: s, ctx: tctx}
}

// run runs browser actions, failing the test on an error.
func (b *tab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v\npage: %s", what, err, b.bodyText())
	}
}

// bodyText is the page's text, for failure messages.
func (b *tab) bodyText() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if len(text) > 2000 {
		text = text[:2000] + "…"
	}
	return text
}

// open loads a page and waits for its main part.
func (b *tab) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.s.url+path), chromedp.WaitReady(chromedp.CSS("#content")))
}

// fill sets the values of form fields by CSS selector.
func (b *tab) fill(pairs ...string) {
	b.t.Helper()
	var actions []chromedp.Action[chromedp.Void]
	for i := 0; i+1 < len(pairs); i += 2 {
		actions = append(actions, chromedp.SetValue(chromedp.CSS(pairs[i]), pairs[i+1]))
	}
	b.run("fill "+strings.Join(pairs, " "), actions...)
}

// submit clicks a button and waits for the page that follows (a new
// document, the old one being marked) to show sel.
func (b *tab) submit(button, sel string) {
	b.t.Helper()
	b.run("submit "+button, chromedp.Evaluate[chromedp.Void](`document.documentElement.dataset.stale = "1"`),
		chromedp.Click(chromedp.CSS(button)))
	b.waitFor(`document.documentElement.dataset.stale !== "1" && !!document.querySelector(`+jsString(sel)+`)`, "a page with "+sel)
	b.run("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// confirmed submits an irreversible act's form with button, confirms it
// on the page that asks and waits for the page that follows to show sel.
func (b *tab) confirmed(button, sel string) {
	b.t.Helper()
	b.submit(button, "#confirm-warning")
	b.submit("#confirm-submit", sel)
}

// unchanged fails the test unless the audit log still has before entries:
// what was refused changed nothing.
func (b *tab) unchanged(what string, before int) {
	b.t.Helper()
	if after := b.s.auditCount(); after != before {
		b.t.Fatalf("%s changed the audit log: %d → %d entries", what, before, after)
	}
}

// text returns the text of the first element sel matches.
func (b *tab) text(sel string) string {
	b.t.Helper()
	b.run("wait for "+sel, chromedp.WaitReady(chromedp.CSS(sel)))
	return b.eval("text of "+sel, `document.querySelector(`+jsString(sel)+`).innerText`)
}

// see fails the test unless the element sel matches holds every want.
func (b *tab) see(sel string, want ...string) {
	b.t.Helper()
	got := b.text(sel)
	for _, w := range want {
		if !strings.Contains(got, w) {
			b.t.Fatalf("%s says %q; want %q", sel, got, w)
		}
	}
}

// location is the page's path and query.
func (b *tab) location() string {
	b.t.Helper()
	return b.eval("location", `location.pathname + location.search`)
}

// login logs a user in through the login form (a password is set for
// them first over the API).
func (b *tab) login(name string) {
	b.t.Helper()
	b.s.must(204, b.s.admin, "PUT", "/api/v1/users/"+name+"/password", map[string]string{"password": "correct horse battery"})
	b.open("/app/login")
	b.fill("#name", name, "#password", "correct horse battery")
	b.submit("#login", "#logout")
}

// language switches the pages' language with the form on every page.
func (b *tab) language(tag string) {
	b.t.Helper()
	b.fill("#lang", tag)
	b.submit(`form[action="/app/language"] button`, `html[lang="`+tag+`"]`)
}

// axeSource is axe-core, vendored from npm (testdata/axe).
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile("testdata/axe/axe.min.js")
	return string(b), err
})

// checkPage runs axe-core on the page and fails the test on any serious or
// critical violation, then writes a screenshot named name-LANG.png.
func (b *tab) checkPage(name string) {
	b.t.Helper()
	src, err := axeSource()
	if err != nil {
		b.t.Fatal(err)
	}
	var violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any `json:"target"`
		} `json:"nodes"`
	}
	b.run("axe "+name, chromedp.Evaluate[chromedp.Void](src))
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe on %s: %v", name, err)
	}
	if err := json.Unmarshal(raw, &violations); err != nil {
		b.t.Fatalf("axe on %s: %v", name, err)
	}
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Errorf("axe on %s (%s): %s %s: %s at %v", name, b.location(), v.Impact, v.ID, v.Help, v.Nodes)
		}
	}
	lang := b.eval("language", `document.documentElement.lang`)
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := os.Getenv("SOJOURN_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	file := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.png", strings.ReplaceAll(b.t.Name(), "/", "_"), name, lang))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression giving a string.
func (b *tab) eval(what, expr string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// jsString quotes s as a JavaScript string.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// chromedpOpen opens every details element the selector matches (the
// forms of a page), as a user clicking their summaries would.
func chromedpOpen(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.querySelectorAll(` + jsString(sel) + `).forEach(d => d.open = true)`)
}

// chromedpNavigate loads a URL.
func chromedpNavigate(url string) chromedp.Action[chromedp.Void] { return chromedp.Navigate(url) }

// chromedpClick clicks the element a CSS selector matches.
func chromedpClick(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(sel))
}

// waitText waits, across a navigation, until the element sel matches
// holds text.
func (b *tab) waitText(sel, text string) {
	b.t.Helper()
	b.waitFor(`!!document.querySelector(`+jsString(sel)+`)?.innerText.includes(`+jsString(text)+`)`, sel+" saying "+text)
}

// waitFor waits, across navigations, until a JavaScript condition holds.
func (b *tab) waitFor(cond, what string) {
	b.t.Helper()
	for range 600 {
		if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		if err := chromedp.Do(b.ctx, chromedp.Sleep(100*time.Millisecond)); err != nil {
			b.t.Fatal(err)
		}
	}
	b.t.Fatalf("waited in vain for %s; the page says %s", what, b.bodyText())
}
