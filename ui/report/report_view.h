#pragma once

#include "delivery/delivery_report.h"

#include <QPair>
#include <QWidget>

class QChartView;
class QGroupBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class Workspace;

// The "Report" of one delivery (docs/product.md §7): its summary, the non-deliverables by reason
// and by domain, a throughput chart and a non-deliverables chart, with exports as CSV (safe
// for spreadsheets), the charts as PNG, and the whole report as PDF. The report is built by
// the Workspace on the database's thread; the CSV, which streams every non-deliverable
// recipient, is written there too. PNG and PDF draw the report already in memory on the GUI
// thread.
class ReportView final : public QWidget
{
    Q_OBJECT

public:
    enum class Field {
        Name,
        State,
        Route,
        Created,
        Confirmed,
        Started,
        Finished,
        Targeted,
        ToDeliver,
        Excluded,
        Pending,
        TakenIntoAccount,
        Sent,
        Failed,
        Canceled,
        InRetry,
        SuccessPct,
        Duration,
        AverageRate,
    };
    static constexpr int FieldCount = int(Field::AverageRate) + 1;

    explicit ReportView(Workspace &workspace, QWidget *parent = nullptr);
    ~ReportView() override;

    // Shows another delivery (0: none) and loads its report.
    void setDelivery(qint64 deliveryId);
    // Loads the current delivery's report again.
    void refresh();
    qint64 deliveryId() const { return m_deliveryId; }
    bool hasReport() const { return m_hasReport; }
    const DeliveryReport &report() const { return m_report; }

    // The exports; false (with lastError()) when there is no report to export or the file
    // cannot be written. exportCsv() only starts the write, on the database's thread: its end is
    // exportFinished(). exportPng() and exportPdf() finish before returning (and emit it too).
    bool exportCsv(const QString &path);
    bool exportPng(const QString &path);
    bool exportPdf(const QString &path);
    QString lastError() const { return m_lastError; }
    // The buttons' actions: ask for a file name (a save dialog), then export. For the window's
    // Export menu.
    void chooseCsv();
    void choosePng();
    void choosePdf();

    // What the view shows, for tests and for the PDF.
    QString fieldText(Field field) const;
    QString fieldLabel(Field field) const;
    QList<QPair<QString, QString>> summaryRows() const;
    QTreeWidget *reasonTable() const { return m_reasons; }
    QTreeWidget *domainTable() const { return m_domains; }
    QChartView *throughputChart() const { return m_throughput; }
    QChartView *failureChart() const { return m_failures; }
    QString statusText() const;

Q_SIGNALS:
    // The report of deliveryId is on screen.
    void loaded(qint64 deliveryId);
    void loadFailed(qint64 deliveryId, const QString &error);
    void exportFinished(const QString &path, bool ok, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onCsvExported(const QString &path, bool ok, const QString &error);
    void render();
    void renderSummary();
    void renderTables();
    void retranslate();
    void updateButtons();
    void setStatus(const QString &text);
    bool finishExport(const QString &path, bool ok, const QString &error);
    QString suggestedPath(const QString &suffix) const;

    Workspace &m_workspace;
    QLabel *m_title;
    QLabel *m_status;
    QPushButton *m_refresh;
    QPushButton *m_csv;
    QPushButton *m_png;
    QPushButton *m_pdf;
    QGroupBox *m_summaryBox;
    QList<QLabel *> m_fieldLabels;
    QList<QLabel *> m_fieldValues;
    QChartView *m_throughput;
    QChartView *m_failures;
    QGroupBox *m_reasonsBox;
    QGroupBox *m_domainsBox;
    QTreeWidget *m_reasons;
    QTreeWidget *m_domains;
    QLabel *m_domainsNote;

    qint64 m_deliveryId = 0;
    quint64 m_generation = 0;
    DeliveryReport m_report;
    bool m_hasReport = false;
    bool m_csvRunning = false;
    QString m_lastError;
    QString m_lastDirectory;
};
