#pragma once

#include "Entry.h"

#include <QList>
#include <QString>

namespace strongroom {

// Ask for one page of a folder. An empty cursor is the first page.
struct PageRequest {
    QString cursor;
    int limit = 1000;
};

// One page of a folder; an empty nextCursor means this was the last page.
struct ListPage {
    QList<Entry> entries;
    QString nextCursor;

    bool isLast() const { return nextCursor.isEmpty(); }
};

} // namespace strongroom
