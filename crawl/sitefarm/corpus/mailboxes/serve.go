package mailboxes

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
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
			w.Header().Set("Content-Type", ctype)
			w.Write(b)
		}
	}
	if r.Method == http.MethodPost {
		if st.Method == "POST" && samePath(r.URL, st.Page) {
			serve("list", atoi(r.PostForm.Get(st.PageField)), htmlType)
			return
		}
		if st.APIMethod == "POST" && samePath(r.URL, st.API) {
			serve("api", atoi(r.PostForm.Get(st.PageField)), jsonType)
			return
		}
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if sameURL(r.URL, st.List) {
		serve("list", 1, htmlType)
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
		if sameURL(r.URL, st.DetailURL(l)) {
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
			w.Header().Set("Content-Type", ctype)
			w.Write(b)
			return
		}
	}
	http.NotFound(w, r)
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
