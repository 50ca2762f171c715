package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trtc-oss/terraform-provider-trtc/internal/api"
)

// The state file (--state-file): every object of the account, the account
// settings and the clock, so an emulator restarted on it answers as before.
// Counters, faults, rate-limit buckets and read_lag history are of one
// process and start afresh.
//
// Durability: a write (an API action that is not a read, or an admin change)
// is answered only once a state file holding it is on disk, so a client never
// sees an answer that a crash could take back. Writes that arrive while a
// file is being written share the next one (group commit): under load, files
// per second stay bounded by the disk, not by the request rate.

// stateFormat is the version of the file's layout; a file of another
// version is refused rather than half read.
const stateFormat = 1

// stateFile is the JSON of the state file.
type stateFile struct {
	Format int `json:"format"`
	// SavedAt is emulator time at the write. On load the clock never runs
	// behind it; otherwise it keeps running while the emulator is stopped,
	// as the real service's does: a change due at T+D takes effect at T+D.
	SavedAt time.Time `json:"saved_at"`
	// ClockOffset is every /_emulator/clock advance, a Go duration.
	ClockOffset   string                 `json:"clock_offset"`
	NextID        uint64                 `json:"next_sdk_app_id"`
	NextDeal      int                    `json:"next_deal"`
	AccountTrials int                    `json:"account_trials_used"`
	Account       Account                `json:"account"`
	Apps          []appRecord            `json:"apps"`
	CreateTokens  map[string]tokenRecord `json:"create_tokens,omitempty"`
	DealTokens    map[string]tokenRecord `json:"deal_tokens,omitempty"`
	STS           map[string]stsRecord   `json:"sts_credentials,omitempty"`
}

type appRecord struct {
	ID              uint64            `json:"sdk_app_id"`
	Name            string            `json:"name"`
	Description     string            `json:"description,omitempty"`
	Product         string            `json:"product"`
	Region          string            `json:"region"`
	Created         time.Time         `json:"created"`
	SecretKey       string            `json:"secret_key"`
	ClientToken     string            `json:"client_token,omitempty"`
	Status          string            `json:"status"`
	Target          string            `json:"target_status"`
	ChangeRequested time.Time         `json:"change_requested,omitzero"`
	Due             time.Time         `json:"change_due,omitzero"`
	DisabledReason  string            `json:"disabled_reason,omitempty"`
	Tags            map[string]string `json:"tags"`
	TrialsUsed      int               `json:"trials_used"`
	Edition         string            `json:"edition"`
	SubStatus       string            `json:"subscription_status"`
	SubStart        time.Time         `json:"subscription_start,omitzero"`
	SubExpire       time.Time         `json:"subscription_expire,omitzero"`
	AutoRenew       bool              `json:"auto_renew"`
}

type tokenRecord struct {
	At      time.Time `json:"at"`
	AppID   uint64    `json:"sdk_app_id"`
	DealID  string    `json:"deal_id,omitempty"`
	Expires time.Time `json:"expires"`
}

type stsRecord struct {
	SecretKey string    `json:"secret_key"`
	Token     string    `json:"token"`
	Expires   time.Time `json:"expires"`
	RoleArn   string    `json:"role_arn"`
	Session   string    `json:"session"`
}

// persister writes the state file with group commit; see the file comment.
type persister struct {
	path string

	mu      sync.Mutex
	cond    *sync.Cond
	writing bool
	saved   uint64 // highest generation on disk

	files atomic.Int64 // files written, for the benchmark's files/write
}

// changed marks the state as changed and returns the generation a caller
// must see on disk before answering; 0 without a state file. Callers hold
// e.mu.
func (e *Emulator) changed() uint64 {
	if e.persist == nil {
		return 0
	}
	e.generation++
	return e.generation
}

// commit returns once a state file holding generation gen is on disk. The
// first waiter that finds no write under way writes for everyone waiting.
func (e *Emulator) commit(gen uint64) error {
	p := e.persist
	if p == nil || gen == 0 {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.saved < gen {
		if p.writing {
			p.cond.Wait()
			continue
		}
		p.writing = true
		p.mu.Unlock()
		wrote, err := e.writeStateFile()
		p.mu.Lock()
		p.writing = false
		if err == nil && wrote > p.saved {
			p.saved = wrote
		}
		p.cond.Broadcast()
		if err != nil {
			return fmt.Errorf("saving the state file %s: %w", p.path, err)
		}
	}
	return nil
}

// commitLogged is commit for the Go and admin methods, which answer no API
// error: a failure is logged.
func (e *Emulator) commitLogged(gen uint64) {
	if err := e.commit(gen); err != nil && e.cfg.Log != nil {
		fmt.Fprintf(e.cfg.Log, "error: %v\n", err)
	}
}

// writeStateFile snapshots the state under e.mu and writes it atomically:
// a temporary file in the same directory, fsync, rename over the old one,
// fsync of the directory. A crash leaves the old file or the new one.
func (e *Emulator) writeStateFile() (uint64, error) {
	e.mu.Lock()
	gen := e.generation
	snap := e.snapshotLocked()
	e.mu.Unlock()
	data, err := json.Marshal(snap)
	if err != nil {
		return 0, err
	}
	path := e.persist.path
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // the rename itself survives a power cut; not every system can sync a directory
		d.Close()
	}
	e.persist.files.Add(1)
	return gen, nil
}

// removeStaleTemps deletes the temporary files of writes a crash cut
// short; the state file itself is whole whatever the crash.
func removeStaleTemps(path string) {
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, name := range stale {
		_ = os.Remove(name)
	}
}

// snapshotLocked copies the state into its file form; callers hold e.mu.
func (e *Emulator) snapshotLocked() *stateFile {
	s := e.st
	f := &stateFile{
		Format: stateFormat, SavedAt: e.now().UTC(), ClockOffset: e.offset.String(),
		NextID: s.nextID, NextDeal: s.nextDeal, AccountTrials: s.accountTrials, Account: e.account,
		Apps:         make([]appRecord, 0, len(s.order)),
		CreateTokens: tokenRecords(s.createTokens), DealTokens: tokenRecords(s.dealTokens),
		STS: make(map[string]stsRecord, len(e.tmpKeys)),
	}
	if f.Account.Balance != nil {
		b := *f.Account.Balance
		f.Account.Balance = &b
	}
	for _, a := range s.list() {
		c := a.clone()
		f.Apps = append(f.Apps, appRecord{
			ID: c.id, Name: c.name, Description: c.description, Product: c.product, Region: c.region,
			Created: c.created, SecretKey: c.secretKey, ClientToken: c.clientToken,
			Status: c.status, Target: c.target, ChangeRequested: c.changeRequested, Due: c.due,
			DisabledReason: c.disabledReason, Tags: c.tags, TrialsUsed: c.trialsUsed,
			Edition: c.sub.edition, SubStatus: c.sub.status, SubStart: c.sub.start, SubExpire: c.sub.expire, AutoRenew: c.sub.autoRenew,
		})
	}
	for id, t := range e.tmpKeys {
		f.STS[id] = stsRecord{SecretKey: t.secretKey, Token: t.token, Expires: t.expires, RoleArn: t.roleArn, Session: t.session}
	}
	return f
}

func tokenRecords(in map[string]tokenEntry) map[string]tokenRecord {
	out := make(map[string]tokenRecord, len(in))
	for k, t := range in {
		out[k] = tokenRecord{At: t.at, AppID: t.appID, DealID: t.dealID, Expires: t.expires}
	}
	return out
}

// loadStateFile reads path into e. A missing file is a fresh start (false,
// nil); a file that cannot be read or parsed is an error naming it.
func (e *Emulator) loadStateFile(path string) (loaded bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("state file %s: %w", path, err)
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return false, fmt.Errorf("state file %s: not a state file the emulator wrote (%v); move it away to start afresh", path, err)
	}
	if err := e.restore(&f); err != nil {
		return false, fmt.Errorf("state file %s: %w", path, err)
	}
	return true, nil
}

// restore replaces the state with f after checking that it is whole.
func (e *Emulator) restore(f *stateFile) error {
	if f.Format != stateFormat {
		return fmt.Errorf("format %d, this emulator reads format %d", f.Format, stateFormat)
	}
	offset, err := time.ParseDuration(f.ClockOffset)
	if err != nil || f.SavedAt.IsZero() {
		return fmt.Errorf("clock_offset %q or saved_at %v is not a clock", f.ClockOffset, f.SavedAt)
	}
	st := newState()
	st.nextID, st.nextDeal, st.accountTrials = f.NextID, f.NextDeal, f.AccountTrials
	for i, r := range f.Apps {
		if r.ID == 0 || r.ID >= f.NextID || st.apps[r.ID] != nil {
			return fmt.Errorf("apps[%d]: sdk_app_id %d is zero, repeated or not below next_sdk_app_id %d", i, r.ID, f.NextID)
		}
		if !knownStatus(r.Status) || !knownStatus(r.Target) && r.Target != api.AppStatusDeleted {
			return fmt.Errorf("apps[%d]: status %q / target_status %q", i, r.Status, r.Target)
		}
		tags := r.Tags
		if tags == nil {
			tags = map[string]string{}
		}
		st.apps[r.ID] = &app{
			id: r.ID, name: r.Name, description: r.Description, product: r.Product, region: r.Region,
			created: r.Created, secretKey: r.SecretKey, clientToken: r.ClientToken,
			status: r.Status, target: r.Target, changeRequested: r.ChangeRequested, due: r.Due,
			disabledReason: r.DisabledReason, tags: tags, trialsUsed: r.TrialsUsed,
			sub: subscription{edition: r.Edition, status: r.SubStatus, start: r.SubStart, expire: r.SubExpire, autoRenew: r.AutoRenew},
		}
		st.order = append(st.order, r.ID)
	}
	for k, t := range f.CreateTokens {
		st.createTokens[k] = tokenEntry{at: t.At, appID: t.AppID, dealID: t.DealID, expires: t.Expires}
	}
	for k, t := range f.DealTokens {
		st.dealTokens[k] = tokenEntry{at: t.At, appID: t.AppID, dealID: t.DealID, expires: t.Expires}
	}
	if f.Account.AppQuota < 0 || f.Account.AccountTrialQuota < 0 {
		return fmt.Errorf("account quotas must not be negative")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st, e.account = st, f.Account
	for id, t := range f.STS {
		e.tmpKeys[id] = &tmpCredential{secretKey: t.SecretKey, token: t.Token, expires: t.Expires, roleArn: t.RoleArn, session: t.Session}
	}
	// The clock goes on from where it was, never back.
	e.offset = offset
	if now := e.clock.Now().Add(offset); now.Before(f.SavedAt) {
		e.offset = f.SavedAt.Sub(e.clock.Now())
	}
	return nil
}

func knownStatus(s string) bool { return s == api.AppStatusEnabled || s == api.AppStatusDisabled }
