package etl

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/gongkai/gongkai/landing"
)

// The segmenter's dictionary takes seconds of CPU to load and about 100
// MiB: it is loaded once per process, in the background from the start of
// a load whose run has letters (preloadSegmenter), and shared. Office
// words are added to it as loads bring them; adding a word twice changes
// nothing. Cutting only reads it, so letters are cut in parallel under the
// read lock.
var segmenter struct {
	once  sync.Once
	mu    sync.RWMutex
	seg   gse.Segmenter
	err   error
	added map[string]bool
}

// preloadSegmenter starts loading the dictionary in the background when
// the run has letters to segment; a load without them never pays for it
// (one that re-segments earlier letters loads it when it gets there).
func preloadSegmenter(m *landing.Manifest) {
	for _, u := range m.Units {
		if u.Letters > 0 {
			go loadSegmenter()
			return
		}
	}
}

func loadSegmenter() (*gse.Segmenter, error) {
	segmenter.once.Do(func() {
		segmenter.seg.SkipLog = true
		segmenter.err = segmenter.seg.LoadDictEmbed("zh_s")
		segmenter.added = map[string]bool{}
	})
	if segmenter.err != nil {
		return nil, fmt.Errorf("load segmenter dictionary: %w", segmenter.err)
	}
	return &segmenter.seg, nil
}

// Words are the word lists segmentation uses: an office dictionary the
// segmenter keeps whole, and stop words that are never key terms.
type Words struct {
	Dictionary []string
	Stop       []string
}

// Segmenter cuts letters into terms.
type Segmenter struct {
	seg  *gse.Segmenter
	stop map[string]bool
}

// NewSegmenter returns a segmenter with w's dictionary and stop words on
// top of the segmenter's embedded dictionary.
func NewSegmenter(w Words) (*Segmenter, error) {
	seg, err := loadSegmenter()
	if err != nil {
		return nil, err
	}
	segmenter.mu.Lock()
	for _, d := range w.Dictionary {
		if d = strings.TrimSpace(d); d != "" && !segmenter.added[d] {
			// A frequency above the embedded dictionary's common words
			// keeps the office word whole against its parts.
			add := seg.AddToken
			if _, _, known := seg.Dict.Find([]byte(d)); known {
				add = seg.ReAddToken
			}
			if err := add(d, 100000, "n"); err != nil {
				segmenter.mu.Unlock()
				return nil, fmt.Errorf("dictionary word %q: %w", d, err)
			}
			segmenter.added[d] = true
		}
	}
	// No CalcToken after adding: Cut with HMM (the DAG of jieba) reads
	// only the trie, each token's frequency and the total, which AddToken
	// keeps; CalcToken prepares gse's shortest-path mode, unused here, and
	// costs as much as the dictionary's whole load.
	segmenter.mu.Unlock()
	s := &Segmenter{seg: seg, stop: map[string]bool{}}
	for _, x := range w.Stop {
		s.stop[strings.TrimSpace(x)] = true
	}
	return s, nil
}

// Cut returns the words of text in order, as the segmenter cuts them.
func (s *Segmenter) Cut(text string) []string {
	segmenter.mu.RLock()
	defer segmenter.mu.RUnlock()
	return s.seg.Cut(text, true)
}

// Terms returns the key-term candidates of text in order: words of two or
// more characters holding a letter (Han or Latin), not a stop word, not a
// number.
func (s *Segmenter) Terms(text string) []string {
	var out []string
	for _, w := range s.Cut(text) {
		w = strings.TrimSpace(w)
		if utf8.RuneCountInString(w) < 2 || s.stop[w] || !hasLetter(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// letterTF counts a letter's terms, a title occurrence counting twice: the
// title names the matter.
func (s *Segmenter) letterTF(title, content string) map[string]int {
	tf := map[string]int{}
	for _, t := range s.Terms(title) {
		tf[t] += 2
	}
	for _, t := range s.Terms(content) {
		tf[t]++
	}
	return tf
}

// upsertLetterTexts keeps each letter's newest sighting with text; a
// sighting without text replaces only one without text either. Runs load
// in any order to the same table.
const upsertLetterTexts = `INSERT INTO letter_texts BY NAME
SELECT * EXCLUDE (rn) FROM (
	SELECT unit_id, mailbox_id, "key" AS letter_key, ` + `NULLIF(title, '')` + ` AS title,
		NULLIF(trim(content), '') AS content, NULLIF(trim(reply), '') AS reply, $1 AS run_id,
		` + `%s` + ` AS seen_at,
		row_number() OVER (PARTITION BY unit_id, mailbox_id, "key"
			ORDER BY (NULLIF(trim(content), '') IS NOT NULL OR NULLIF(trim(reply), '') IS NOT NULL) DESC,
				detail_fetched DESC, seen_at DESC, url) AS rn
	FROM %s
	WHERE COALESCE(unit_id, '') <> '' AND COALESCE(mailbox_id, '') <> '' AND COALESCE("key", '') <> ''
) WHERE rn = 1
ON CONFLICT (unit_id, mailbox_id, letter_key) DO UPDATE SET
	title = excluded.title, content = excluded.content, reply = excluded.reply,
	run_id = excluded.run_id, seen_at = excluded.seen_at
WHERE (excluded.content IS NOT NULL OR excluded.reply IS NOT NULL, excluded.seen_at)
	>= (letter_texts.content IS NOT NULL OR letter_texts.reply IS NOT NULL, letter_texts.seen_at)`

var letterTextSQL = fmt.Sprintf(upsertLetterTexts, localTS("seen_at"), readJSON(
	`'unit_id': 'VARCHAR'`, `'mailbox_id': 'VARCHAR'`, `'key': 'VARCHAR'`, `'url': 'VARCHAR'`,
	`'title': 'VARCHAR'`, `'content': 'VARCHAR'`, `'reply': 'VARCHAR'`, `'detail_fetched': 'BOOLEAN'`,
	`'seen_at': 'VARCHAR'`))

// The word lists of the newest installed rule set; none before rules are
// installed.
const newestWords = `SELECT kind, word FROM rule_words
WHERE version = (SELECT s.version FROM rule_sets s ORDER BY s.year DESC, s.installed_at DESC, s.version DESC LIMIT 1)
  AND kind IN ('dictionary', 'stop')`

// Key-term weights over the whole store: a term many letters carry says
// little about any of them.
const weighTerms = `UPDATE letter_terms SET weight = w.weight, rank = w.rank
FROM (
	SELECT unit_id, mailbox_id, letter_key, term, weight,
		row_number() OVER (PARTITION BY unit_id, mailbox_id, letter_key ORDER BY weight DESC, term) AS rank
	FROM (
		SELECT t.unit_id, t.mailbox_id, t.letter_key, t.term,
			t.tf * ln((SELECT count(*) FROM letter_texts) / count(*) OVER (PARTITION BY t.term)) AS weight
		FROM letter_terms t
	)
) w
WHERE letter_terms.unit_id = w.unit_id AND letter_terms.mailbox_id = w.mailbox_id
  AND letter_terms.letter_key = w.letter_key AND letter_terms.term = w.term`

// termRow is one letter_terms row as handed to DuckDB.
type termRow struct {
	Unit    string `json:"u"`
	Mailbox string `json:"m"`
	Key     string `json:"k"`
	Term    string `json:"t"`
	TF      int    `json:"f"`
}

const insertTerms = `INSERT INTO letter_terms (unit_id, mailbox_id, letter_key, term, tf)
SELECT u, m, k, t, f FROM read_json(?, format = 'newline_delimited',
	columns = {'u': 'VARCHAR', 'm': 'VARCHAR', 'k': 'VARCHAR', 't': 'VARCHAR', 'f': 'INTEGER'})`

// opinion stores the run's letter texts and segments the letters of the
// load's units into key terms; it returns how many letters and how long.
func (l *loader) opinion(files []string) (letters int, took time.Duration) {
	if l.err != nil {
		return 0, 0
	}
	start := time.Now()
	defer func() { took = time.Since(start) }()
	if len(files) > 0 {
		l.exec("load letter texts", letterTextSQL, l.run, files)
	}
	words, err := l.words()
	if err != nil {
		l.err = err
		return 0, 0
	}
	type text struct{ unit, mailbox, key, title, content string }
	var texts []text
	rows, err := l.tx.QueryContext(l.ctx, `SELECT unit_id, mailbox_id, letter_key, COALESCE(title, ''), COALESCE(content, '')
		FROM letter_texts WHERE unit_id IN (SELECT unit_id FROM load_units) ORDER BY ALL`)
	if err != nil {
		l.err = fmt.Errorf("read letter texts: %w", err)
		return 0, 0
	}
	for rows.Next() {
		var t text
		if err := rows.Scan(&t.unit, &t.mailbox, &t.key, &t.title, &t.content); err != nil {
			rows.Close()
			l.err = fmt.Errorf("read letter texts: %w", err)
			return
		}
		texts = append(texts, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		l.err = fmt.Errorf("read letter texts: %w", err)
		return 0, 0
	}
	l.clear("letter_terms", `unit_id IN (SELECT unit_id FROM load_units)`)
	if len(texts) == 0 {
		return 0, 0
	}
	seg, err := NewSegmenter(words)
	if err != nil {
		l.err = err
		return 0, 0
	}
	// Letters are segmented on every core, then handed to DuckDB as one
	// NDJSON file: one statement instead of thousands of bound rows.
	tfs := make([]map[string]int, len(texts))
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(texts); i += workers {
				tfs[i] = seg.letterTF(texts[i].title, texts[i].content)
			}
		}()
	}
	wg.Wait()
	f, err := os.CreateTemp("", "gongkai-terms-*.ndjson")
	if err != nil {
		l.err = fmt.Errorf("store letter terms: %w", err)
		return 0, 0
	}
	defer os.Remove(f.Name())
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	for i, t := range texts {
		for term, tf := range tfs[i] {
			if err := enc.Encode(termRow{t.unit, t.mailbox, t.key, term, tf}); err != nil {
				f.Close()
				l.err = fmt.Errorf("store letter terms: %w", err)
				return 0, 0
			}
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		l.err = fmt.Errorf("store letter terms: %w", err)
		return 0, 0
	}
	if err := f.Close(); err != nil {
		l.err = fmt.Errorf("store letter terms: %w", err)
		return 0, 0
	}
	l.exec("store letter terms", insertTerms, f.Name())
	l.exec("weigh letter terms", weighTerms)
	l.log.Debug("load step", "step", "letter terms", "letters", len(texts), "duration", time.Since(start))
	return len(texts), 0
}

func (l *loader) words() (Words, error) {
	var w Words
	rows, err := l.tx.QueryContext(l.ctx, newestWords)
	if err != nil {
		return w, fmt.Errorf("read rule words: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, word string
		if err := rows.Scan(&kind, &word); err != nil {
			return w, fmt.Errorf("read rule words: %w", err)
		}
		if kind == "dictionary" {
			w.Dictionary = append(w.Dictionary, word)
		} else {
			w.Stop = append(w.Stop, word)
		}
	}
	return w, rows.Err()
}
