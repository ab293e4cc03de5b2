// How a rollback's label moves are put into words: the current label first, ids shortened,
// labels that appear or go, and nothing at all for stores without labels.
#include "LabelMoves.h"

#include <QTest>

using namespace strongroom;

namespace {
VersionInfo version(const QString& id, VersionMarks marks, const QStringList& labels) {
    VersionInfo info;
    info.id = id;
    info.marks = marks;
    info.labels = labels;
    return info;
}

const QString a = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001");
const QString b = QStringLiteral("bbbbbbbb-0000-4000-8000-000000000002");
const QString c = QStringLiteral("cccccccc-0000-4000-8000-000000000003");
} // namespace

class TestLabelMoves : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rollbackMovesCurrentAndPrevious() {
        const QList<VersionInfo> before{
            version(b, VersionMark::Current, {QStringLiteral("AWSCURRENT")}),
            version(a, VersionMark::Previous, {QStringLiteral("AWSPREVIOUS")})};
        const QList<VersionInfo> after{
            version(b, VersionMark::Previous, {QStringLiteral("AWSPREVIOUS")}),
            version(a, VersionMark::Current, {QStringLiteral("AWSCURRENT")})};
        QCOMPARE(LabelMoves::describe(before, after),
                 QStringLiteral("AWSCURRENT moved from bbbbbbbb… to aaaaaaaa…; AWSPREVIOUS now "
                                "on bbbbbbbb…"));
    }

    void labelsThatAppearOrGoAndCustomOnes() {
        const QList<VersionInfo> before{
            version(c, VersionMark::Pending, {QStringLiteral("AWSPENDING")}),
            version(b, VersionMark::Current,
                    {QStringLiteral("AWSCURRENT"), QStringLiteral("blue")}),
            version(a, VersionMark::Deprecated, {})};
        const QList<VersionInfo> after{
            version(c, VersionMark::Deprecated, {}),
            version(b, VersionMark::Current, {QStringLiteral("AWSCURRENT")}),
            version(a, {}, {QStringLiteral("blue"), QStringLiteral("green")})};
        QCOMPARE(LabelMoves::describe(before, after),
                 QStringLiteral("AWSPENDING removed from cccccccc…; blue now on aaaaaaaa…; green "
                                "now on aaaaaaaa…"));
    }

    void storesWithoutLabelsSayNothing() {
        const QList<VersionInfo> before{version(QStringLiteral("2"), VersionMark::Current, {}),
                                        version(QStringLiteral("1"), {}, {})};
        const QList<VersionInfo> after{version(QStringLiteral("3"), VersionMark::Current, {}),
                                       version(QStringLiteral("2"), {}, {}),
                                       version(QStringLiteral("1"), {}, {})};
        QVERIFY(LabelMoves::describe(before, after).isEmpty());
        QCOMPARE(LabelMoves::shortId(QStringLiteral("42")), QStringLiteral("42"));
    }
};

QTEST_GUILESS_MAIN(TestLabelMoves)
#include "test_label_moves.moc"
