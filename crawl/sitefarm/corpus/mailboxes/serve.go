package mailboxes

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Server serves every structure of the corpus, each on its own 127.0.0.1
// port, so that each is a site of its own.
type Server struct {
	Structures []*Structure
	urls       map[string]string // structure name → base URL
	servers    []*http.Server
	wg         sync.WaitGroup
}

// Start loads the corpus and serves it on 127.0.0.1.
func Start() (*Server, error) {
	all, err := Load()
	if err != nil {
		return nil, err
	}
	s := &Server{Structures: all, urls: map[string]string{}}
	for _, st := range all {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("listen for %s: %w", st.Name, err)
		}
		srv := &http.Server{Handler: st}
		s.servers = append(s.servers, srv)
		s.urls[st.Name] = "http://" + ln.Addr().String()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				panic(err)
			}
		}()
	}
	return s, nil
}

// URL is the absolute URL of a structure's page 1: all a user configures.
func (s *Server) URL(st *Structure) string { return s.urls[st.Name] + st.List }

// Base is the structure's site root.
func (s *Server) Base(st *Structure) string { return s.urls[st.Name] }

// Close stops every site.
func (s *Server) Close() {
	for _, srv := range s.servers {
		srv.Close()
	}
	s.wg.Wait()
}

// ServeHTTP answers one site's requests: robots.txt, list pages (GET, or
// POST with the page in the form), the JSON API, and letter pages.
func (st *Structure) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	serve := func(name string, n int, ctype string) {
		if name == "api" && !st.admitted(w, r) {
			return
		}
		b, ok, err := st.page(name, n)
		switch {
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
		case !ok:
			http.NotFound(w, r)
		default:
			if len(b) > 0 && b[0] == '{' {
				ctype = jsonType
			}
			if name == "list" && n == 1 && st.Session != "" {
				http.SetCookie(w, &http.Cookie{Name: st.Session, Value: st.newSession(), Path: "/", HttpOnly: true})
			}
			st.write(w, b, ctype, fmt.Sprintf("list %d", n))
		}
	}
	if r.Method == http.MethodPost {
		if st.Method == "POST" && samePath(r.URL, st.Page) {
			serve("list", st.pageOf(r.Form.Get(st.PageField)), htmlType)
			return
		}
		if st.APIMethod == "POST" && samePath(r.URL, st.API) {
			v := r.Form.Get(st.PageField)
			if st.APIBody == "json" {
				// Such APIs read a JSON body only; a form asks for nothing.
				v = jsonField(r, st.PageField)
			}
			serve("api", st.pageOf(v), jsonType)
			return
		}
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if sameURL(r.URL, st.List) {
		serve("list", 1, htmlType)
		return
	}
	if st.API != "" && st.APIMethod != "POST" && st.PageFrom != "" && samePath(r.URL, st.API) {
		serve("api", st.pageOf(r.Form.Get(st.PageField)), jsonType)
		return
	}
	for n := 1; n <= st.Pages(); n++ {
		if st.Page != "" && st.Method != "POST" && sameURL(r.URL, st.PageURL(n)) {
			serve("list", n, htmlType)
			return
		}
		if st.API != "" && st.APIMethod != "POST" && sameURL(r.URL, st.APIURL(n)) {
			serve("api", n, jsonType)
			return
		}
	}
	for _, l := range st.Letters {
		if st.Detail != "" && sameURL(r.URL, st.DetailURL(l)) {
			name := "detail"
			ctype := htmlType
			if st.tmpl.Lookup("detail_json") != nil {
				name, ctype = "detail_json", jsonType
			}
			b, err := st.render(name, detailData{S: st, L: l})
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			st.write(w, b, ctype, "detail")
			return
		}
	}
	http.NotFound(w, r)
}

// jsonField is a field of a JSON request body, "" when the body is not
// a JSON object sent as application/json.
func jsonField(r *http.Request, name string) string {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return ""
	}
	var obj map[string]any
	if err := json.NewDecoder(r.Body).Decode(&obj); err != nil {
		return ""
	}
	if v, ok := obj[name]; ok {
		return fmt.Sprint(v)
	}
	return ""
}

// pageOf is the page a request's page field asks for.
func (st *Structure) pageOf(v string) int {
	n := atoi(v)
	switch st.PageFrom {
	case "offset":
		return n/st.PageSize + 1
	case "record":
		if n < 1 {
			return 0
		}
		return (n-1)/st.PageSize + 1
	}
	return n
}

// admitted reports whether an API request carries the session cookie the
// list page set and the CSRF token it wrote; if not, it answers 419 as
// such platforms do when a session has expired.
func (st *Structure) admitted(w http.ResponseWriter, r *http.Request) bool {
	if st.Session != "" {
		c, err := r.Cookie(st.Session)
		if err != nil || !st.hasSession(c.Value) {
			http.Error(w, `{"code":419,"msg":"页面已过期，请刷新"}`, 419)
			return false
		}
	}
	if st.CSRF != "" && r.Header.Get(st.CSRF) != st.Token() {
		http.Error(w, `{"code":419,"msg":"CSRF token mismatch"}`, 419)
		return false
	}
	return true
}

func (st *Structure) newSession() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sessions == nil {
		st.sessions = map[string]bool{}
	}
	v := fmt.Sprintf("s%d%s", len(st.sessions)+1, st.Token())
	st.sessions[v] = true
	return v
}

func (st *Structure) hasSession(v string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.sessions[v]
}

// write sends a page in the structure's encoding, its charset in the
// HTTP header only for the pages HeaderCharset names.
func (st *Structure) write(w http.ResponseWriter, b []byte, ctype, page string) {
	if st.Encoding == "gbk" && ctype == htmlType {
		gb, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			http.Error(w, "encode gbk: "+err.Error(), http.StatusInternalServerError)
			return
		}
		b, ctype = gb, "text/html"
		if slices.Contains(st.HeaderCharset, page) {
			ctype = "text/html; charset=GBK"
		}
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(b)
}

const htmlType, jsonType = "text/html; charset=utf-8", "application/json;charset=UTF-8"

// sameURL compares a request URL with a path and query, whatever the
// order of the query's parameters.
func sameURL(u *url.URL, want string) bool {
	w, err := url.Parse(want)
	if err != nil || u.Path != w.Path {
		return false
	}
	return reflect.DeepEqual(normQuery(u.Query()), normQuery(w.Query()))
}

func normQuery(q url.Values) url.Values {
	if len(q) == 0 {
		return nil
	}
	return q
}

func samePath(u *url.URL, want string) bool {
	w, err := url.Parse(want)
	return err == nil && u.Path == w.Path
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

func jsonString(v string) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
