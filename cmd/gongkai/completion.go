package main

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gongkai/gongkai/config"
	"github.com/gongkai/gongkai/queries"
)

// Shell completion: the scripts are thin. Each asks the program itself,
// through the hidden command "__complete WORD… CURRENT", for the
// candidates of the word being typed, so what they offer is always the
// installed binary's own commands and flags (learnt from the same flag
// sets --help prints) and the units of the config in use.

// completeCommand is the hidden command the scripts call.
const completeCommand = "__complete"

// Answers that ask the shell to complete a path itself.
const (
	completeFile = ":file"
	completeDir  = ":dir"
)

var shells = []string{"bash", "zsh", "fish"}

// valueChoices are the values of flags that take one of a fixed list.
var valueChoices = map[string][]string{
	"format": {"table", "csv", "json", "xlsx"},
}

// pathFlags are the flags whose value is a path, completed by the shell.
var pathFlags = map[string]string{
	"config": completeFile, "output": completeFile, "out": completeFile, "file": completeFile,
	"dir": completeDir,
}

func runCompletion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "completion", "bash|zsh|fish")
	var shell string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		shell, args = args[0], args[1:]
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	script, ok := completionScripts[shell]
	if !ok {
		return usagef("gongkai completion bash", "name a shell: %s", strings.Join(shells, ", "))
	}
	_, err := fmt.Fprint(e.stdout, script)
	return err
}

// complete returns the candidates for the last of words, the words typed
// after the program's name.
func complete(ctx context.Context, words []string) []string {
	if len(words) == 0 {
		words = []string{""}
	}
	prev, cur := words[:len(words)-1], words[len(words)-1]
	if len(prev) == 0 {
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		if strings.HasPrefix(cur, "-") {
			names = []string{"--help", "--version"}
		}
		return withPrefix(names, cur)
	}
	cmd, prev := prev[0], prev[1:]
	if cmd == "completion" {
		return withPrefix(shells, cur)
	}
	sets, err := describeCommands(ctx)
	if err != nil {
		return nil
	}
	fs, ok := sets[cmd]
	if !ok {
		return nil
	}
	// --flag=VALUE, or VALUE after a flag that takes one.
	if name, val, ok := strings.Cut(cur, "="); ok && strings.HasPrefix(name, "--") {
		if f := fs.Lookup(name[2:]); f != nil && metavar(f) != "" {
			return flagValues(f, val, name+"=", prev)
		}
		return nil
	}
	if n := len(prev); n > 0 && strings.HasPrefix(prev[n-1], "-") && !strings.Contains(prev[n-1], "=") {
		if f := lookupTyped(fs, prev[n-1]); f != nil && metavar(f) != "" {
			return flagValues(f, cur, "", prev)
		}
	}
	if strings.HasPrefix(cur, "-") {
		var names []string
		fs.VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, "--"+f.Name)
			}
		})
		return withPrefix(append(names, "--help"), cur)
	}
	if cmd == "query" {
		var names []string
		for _, m := range queries.List() {
			names = append(names, m.Name)
		}
		return withPrefix(names, cur)
	}
	return nil
}

// lookupTyped finds the flag a typed word names: --name or -o.
func lookupTyped(fs *flagSet, word string) *pflag.Flag {
	if name, ok := strings.CutPrefix(word, "--"); ok {
		return fs.Lookup(name)
	}
	if short, ok := strings.CutPrefix(word, "-"); ok && len(short) == 1 {
		return fs.ShorthandLookup(short)
	}
	return nil
}

// flagValues completes the value of flag f typed so far as val; each
// candidate starts with prefix ("--format=" when typed as one word).
func flagValues(f *pflag.Flag, val, prefix string, prev []string) []string {
	if p, ok := pathFlags[f.Name]; ok {
		return []string{p}
	}
	var choices []string
	switch {
	case valueChoices[f.Name] != nil:
		choices = valueChoices[f.Name]
	case f.Name == "unit" || f.Name == "units" && f.Value.Type() == "string":
		// A list of IDs: the IDs already given stay, the last is completed.
		done := ""
		if i := strings.LastIndex(val, ","); i >= 0 && f.Name == "units" {
			done, val = val[:i+1], val[i+1:]
		}
		for _, id := range configUnits(prev) {
			if !slices.Contains(strings.Split(done, ","), id) {
				choices = append(choices, done+id)
			}
		}
		val = done + val
	default:
		return nil
	}
	out := withPrefix(choices, val)
	for i := range out {
		out[i] = prefix + out[i]
	}
	return out
}

// configUnits reads the unit IDs of the config the typed words name
// (--config FILE or --config=FILE), else of the default file; none when
// it cannot be read.
func configUnits(words []string) []string {
	path := "gongkai.yaml"
	for i, w := range words {
		if v, ok := strings.CutPrefix(w, "--config="); ok {
			path = v
		} else if w == "--config" && i+1 < len(words) {
			path = words[i+1]
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil
	}
	var ids []string
	for _, u := range cfg.Units {
		ids = append(ids, u.ID)
	}
	sort.Strings(ids)
	return ids
}

func withPrefix(list []string, prefix string) []string {
	var out []string
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}

// completionScripts are what "gongkai completion SHELL" prints. Each calls
// the program the user typed (gongkai, ./gongkai, /opt/bin/gongkai).
var completionScripts = map[string]string{
	// bash splits --flag=value at "=" (COMP_WORDBREAKS); the words are
	// taken from the line instead, and the part before "=" is dropped from
	// the candidates, since bash replaces only what follows it.
	"bash": `# bash completion for gongkai.
# Load it with: source <(gongkai completion bash)
_gongkai() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -ra words <<<"$line"
    [[ $line == *[[:space:]] ]] && words+=("")
    local cur=${words[${#words[@]}-1]}
    local IFS=$'\n'
    local -a out
    out=($("${words[0]}" __complete "${words[@]:1}" 2>/dev/null)) || return 0
    case ${out[0]} in
    :file) COMPREPLY=($(compgen -f -- "$cur")) ;;
    :dir) COMPREPLY=($(compgen -d -- "$cur")) ;;
    *)
        if [[ $cur == --*=* ]]; then
            out=("${out[@]#*=}")
        fi
        COMPREPLY=("${out[@]}")
        ;;
    esac
}
complete -F _gongkai gongkai
`,
	"zsh": `#compdef gongkai
# zsh completion for gongkai.
# Load it with: source <(gongkai completion zsh)
# or put it in a directory of $fpath as _gongkai.
compdef _gongkai gongkai
_gongkai() {
    local -a out
    out=("${(@f)$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    case $out[1] in
    :file) _files ;;
    :dir) _files -/ ;;
    *) compadd -Q -- ${out:#} ;;
    esac
}
if [ "$funcstack[1]" = "_gongkai" ]; then
    _gongkai "$@"
fi
`,
	"fish": `# fish completion for gongkai.
# Load it with: gongkai completion fish | source
# or save it as ~/.config/fish/completions/gongkai.fish
function __gongkai_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($tokens[1] __complete $tokens[2..-1] $cur 2>/dev/null)
    switch "$out[1]"
        case :file
            __fish_complete_path $cur
        case :dir
            __fish_complete_directories $cur
        case '*'
            printf '%s\n' $out
    end
end
complete -c gongkai -f -a '(__gongkai_complete)'
`,
}
