package sitefarm

import "time"

// Modes index the per-mode data: the farm at AsOf and one month on.
const (
	modeNormal = 0
	modeLater  = 1
)

// model is everything New generates; serving renders from it.
type model struct {
	opts  Options
	asOf  [2]time.Time
	first int32 // day number of the first day with content
	units []*unitModel
	truth [2]*Truth
}

type unitModel struct {
	idx       int
	base      string // "http://127.0.0.1:port" once started
	id        string
	spec      unitSpec
	orgCode   string
	webID     int // hanweb unitid / site id
	idBase    int
	byID      []*Item // indexed by cmsID-idBase
	cols      []*colModel
	mails     []*mailModel
	deleted   *Item
	homes     [2]*Home
	homeLinks [2][]*Item
	truth     [2]*Unit
	surges    []*Surge // paths, not URLs, in AnswerURL
}

// present says whether an item exists in mode m.
func (u *unitModel) present(it *Item, m int) bool {
	if m == modeNormal {
		return !it.Added
	}
	return it != u.deleted
}

type colModel struct {
	spec     colSpec
	id       string
	num      int // hanweb columnid, json channelId
	dir      string
	entry    string // entry path
	apiPath  string // json API path template with {page}
	pageSize int
	items    [2][]*Item
	truth    [2]*Column
	pubStr   bool // json: publishTime as a string instead of epoch ms
}

type mailModel struct {
	spec     mailSpec
	id       string
	entry    string
	pageSize int
	prefix   string
	letters  [2][]*Letter // per mode, list order
	byID     [2][]*Letter // per mode, indexed by id; nil when absent
	truth    [2]*Mailbox
}
