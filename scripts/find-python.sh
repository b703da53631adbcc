#!/usr/bin/env bash
# Print the path of a working Python interpreter of the given version (e.g. 3.10).
# pyenv's shims refuse a version that is not selected, so try the real binaries.
set -u
version="$1"
candidates=("python$version")
if command -v pyenv >/dev/null 2>&1; then
  root="$(pyenv root)"
  for dir in $(ls -d "$root"/versions/"$version".* 2>/dev/null | sort -V -r); do
    candidates+=("$dir/bin/python$version")
  done
fi
candidates+=("/usr/bin/python$version" "/usr/local/bin/python$version")
for candidate in "${candidates[@]}"; do
  if "$candidate" -c "import sys, venv; assert sys.version.startswith('$version')" >/dev/null 2>&1; then
    command -v "$candidate" 2>/dev/null || echo "$candidate"
    exit 0
  fi
done
echo "Python $version niet gevonden. Installeer het (bijvoorbeeld 'pyenv install $version' of 'apt-get install python$version python$version-venv') of geef het pad mee: make PYTHON${version/./}=/pad/naar/python$version" >&2
exit 1
