# Usage: zsh -f capture.zsh SCRIPT LINE
# Prints, one per line, what zsh offers when TAB is pressed after LINE with SCRIPT loaded.
# A real interactive zsh runs in a pseudo-terminal (zpty); compadd is wrapped to report
# the matches. The markers are split in the commands so their echo never matches.
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "PS1='' RPS1=''"
zpty -w z 'autoload -U compinit && compinit -u -D'
zpty -w z "source ${(q)1}"
zpty -w z 'compadd() { local -a hits; builtin compadd -O hits "$@"; print -rl -- "<hi""t>"${^hits}; builtin compadd "$@" }'
zpty -w z '__end() { print -r -- "<en""d>" }; comppostfuncs=(__end)'
zpty -w z 'zstyle ":completion:*" list-grouped false; bindkey "^I" complete-word'
zpty -w z "$2"$'\t'
local line
while zpty -r z line; do
  line=${line//$'\r'/}
  [[ $line == *'<hit>'* ]] && print -r -- ${line##*<hit>}
  [[ $line == *'<end>'* ]] && break
done
zpty -d z
