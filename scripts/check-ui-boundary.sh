#!/bin/sh
# The one door (docs/architecture.md): ui/ reaches the database only through the Workspace
# (core/workspace), so it holds no SQL, no Store, and no threads of its own. Prints each line
# that breaks the rule and exits 1; run by ctest (ui_boundary) and so by CI.
#   scripts/check-ui-boundary.sh [UI_DIR]
UI=${1:-$(dirname "$0")/../ui}
status=0
check() { # pattern, what it means
    hits=$(grep -rnE "$1" "$UI" --include='*.cpp' --include='*.h')
    if [ -n "$hits" ]; then
        echo "ui/ must not use $2:"
        echo "$hits"
        status=1
    fi
}
check 'QSql[A-Za-z]*|<QtSql' 'Qt SQL (ask the Workspace)'
check 'Store::open|Store::Transaction|"store/|class Store;' 'the Store (ask the Workspace)'
check 'QThread|QtConcurrent|std::thread|std::async' 'threads of its own (the Workspace answers off the GUI thread)'
check 'moveToThread' 'objects moved to other threads'
[ $status -eq 0 ] && echo "ui/ keeps to the Workspace: no SQL, no Store, no threads"
exit $status
