#pragma once

#include "workspace/delivery_details.h"

#include <QWidget>

class KpiTile;
class QGridLayout;
class QGroupBox;
class QLabel;
class QStackedWidget;
class QTreeWidget;

// The "Analysis" tab: a delivery's analysis report (docs/product.md §5) as the store worker read
// it: the Targeted / To deliver / To exclude figures, exclusions by reason, the report's log
// lines with their levels, the pre-flight plan by destination domain and the import rejects.
// It only displays the value it is given.
class AnalysisView final : public QWidget
{
    Q_OBJECT

public:
    explicit AnalysisView(QWidget *parent = nullptr);

    // A centred message instead of a report (no delivery, still loading, ...).
    void showMessage(const QString &message);
    void showDetails(const QString &deliveryName, const DeliveryDetails &details);
    qint64 deliveryId() const { return m_hasDetails ? m_details.id : 0; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillHeader();
    void fillTiles();
    void fillExclusions();
    void fillLines();
    void fillPlan();
    void fillRejects();

    QStackedWidget *m_stack;
    QGridLayout *m_reportLayout = nullptr;
    QLabel *m_message;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_verdict;
    KpiTile *m_targeted;
    KpiTile *m_toDeliver;
    KpiTile *m_toExclude;
    KpiTile *m_success;
    QGroupBox *m_exclusionsBox;
    QTreeWidget *m_exclusions;
    QGroupBox *m_planBox;
    QTreeWidget *m_plan;
    QGroupBox *m_linesBox;
    QTreeWidget *m_lines;
    QGroupBox *m_rejectsBox;
    QTreeWidget *m_rejects;

    bool m_hasDetails = false;
    QString m_name;
    DeliveryDetails m_details;
};
