package crawl

import (
	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/crawl/extract"
)

// mailProfile is the extraction profile a mailbox's configuration gives.
func mailProfile(mb config.Mailbox) extract.MailProfile {
	return extract.MailProfile{Format: mb.Format, Rows: mb.Rows, API: mb.API, Method: mb.Method,
		Form: mb.Form, PageSize: mb.PageSize, Detail: mb.Detail, Token: mb.Token}
}

// mailboxStart is a mailbox's first list request: its API's page 1 when it
// has one, else its URL.
func mailboxStart(mb config.Mailbox) extract.Request {
	if mb.API != "" {
		return mailProfile(mb).FirstRequest(mb.URL)
	}
	return mailboxFirst(mb)
}
