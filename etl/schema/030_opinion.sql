-- gongkai store, version 30: 政务舆情 from the letters. The letters' text,
-- their key terms (segmented at load time), their topics under each
-- installed topic list, and the opinion rules.

CREATE TABLE IF NOT EXISTS rule_topics (
    version  VARCHAR NOT NULL,
    topic    VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    term     VARCHAR NOT NULL,
    PRIMARY KEY (version, topic, term)
);
COMMENT ON TABLE rule_topics IS 'The topic list of each rule set: a topic''s terms, position = its order in the list (ties of hits go to the first). 其他 is implied.';

CREATE TABLE IF NOT EXISTS rule_words (
    version VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,
    word    VARCHAR NOT NULL,
    PRIMARY KEY (version, kind, word)
);
COMMENT ON TABLE rule_words IS 'Word lists of each rule set: dictionary (segmenter keeps whole), stop (never a key term), forward (a reply saying only these forwards the letter), response_category (categories whose items answer a surge).';

CREATE TABLE letter_texts (
    unit_id    VARCHAR NOT NULL,
    mailbox_id VARCHAR NOT NULL,
    letter_key VARCHAR NOT NULL,
    title      VARCHAR,
    content    VARCHAR,
    reply      VARCHAR,
    run_id     VARCHAR NOT NULL,
    seen_at    TIMESTAMP,
    PRIMARY KEY (unit_id, mailbox_id, letter_key)
);
COMMENT ON TABLE letter_texts IS 'What each letter says: its newest sighting with a detail page read.';
COMMENT ON COLUMN letter_texts.unit_id IS 'The unit.';
COMMENT ON COLUMN letter_texts.mailbox_id IS 'The mailbox.';
COMMENT ON COLUMN letter_texts.letter_key IS 'The letter (letters.letter_key).';
COMMENT ON COLUMN letter_texts.title IS '标题.';
COMMENT ON COLUMN letter_texts.content IS '来信内容; NULL when the page shows none.';
COMMENT ON COLUMN letter_texts.reply IS '答复内容; NULL when not replied, not shown, or a placeholder such as 暂无回复.';
COMMENT ON COLUMN letter_texts.run_id IS 'Run whose sighting gave the text.';
COMMENT ON COLUMN letter_texts.seen_at IS 'When that run saw the letter (local time).';

CREATE TABLE letter_terms (
    unit_id    VARCHAR NOT NULL,
    mailbox_id VARCHAR NOT NULL,
    letter_key VARCHAR NOT NULL,
    term       VARCHAR NOT NULL,
    tf         INTEGER NOT NULL,
    weight     DOUBLE,
    rank       INTEGER,
    PRIMARY KEY (unit_id, mailbox_id, letter_key, term)
);
COMMENT ON TABLE letter_terms IS 'Terms of each letter''s 标题 and 来信内容, segmented at load time (gse, with the rules'' dictionary and stop words), weighted by TF-IDF over every letter in the store.';
COMMENT ON COLUMN letter_terms.unit_id IS 'The unit.';
COMMENT ON COLUMN letter_terms.mailbox_id IS 'The mailbox.';
COMMENT ON COLUMN letter_terms.letter_key IS 'The letter (letters.letter_key).';
COMMENT ON COLUMN letter_terms.term IS 'A word of two or more characters, not a stop word, not a number.';
COMMENT ON COLUMN letter_terms.tf IS 'Times the term occurs, a title occurrence counting twice.';
COMMENT ON COLUMN letter_terms.weight IS 'tf × ln(letters in the store ÷ letters carrying the term); recomputed at every load.';
COMMENT ON COLUMN letter_terms.rank IS 'The term''s rank in its letter by weight (1 = the key term).';

-- A letter's topics under every installed topic list: the topics whose
-- terms its 标题 or 来信内容 carry. A view, so that a new topic list applies
-- without reloading.
CREATE VIEW letter_topic_hits AS
WITH hits AS (
    SELECT t.version, x.unit_id, x.mailbox_id, x.letter_key, t.topic, min(t.position) AS position,
           sum((length(COALESCE(x.title, '') || ' ' || COALESCE(x.content, ''))
               - length(replace(COALESCE(x.title, '') || ' ' || COALESCE(x.content, ''), t.term, '')))
               // length(t.term)) AS hits
    FROM letter_texts x JOIN rule_topics t
      ON contains(COALESCE(x.title, '') || ' ' || COALESCE(x.content, ''), t.term)
    GROUP BY ALL
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY version, unit_id, mailbox_id, letter_key
                                 ORDER BY hits DESC, position) = 1 AS main
    FROM hits
)
SELECT version, unit_id, mailbox_id, letter_key, topic, hits, main FROM ranked
UNION ALL
SELECT v.version, x.unit_id, x.mailbox_id, x.letter_key, '其他', 0, true
FROM letter_texts x CROSS JOIN (SELECT DISTINCT version FROM rule_topics) v
WHERE NOT EXISTS (SELECT 1 FROM hits h WHERE h.version = v.version AND h.unit_id = x.unit_id
                  AND h.mailbox_id = x.mailbox_id AND h.letter_key = x.letter_key);
COMMENT ON VIEW letter_topic_hits IS 'Each letter''s topics under each rule set''s topic list: hits = occurrences of the topic''s terms in 标题 and 来信内容; main marks the topic with most hits (the first listed on a tie); a letter with none is 其他.';
