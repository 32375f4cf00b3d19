#pragma once

#include <QFrame>

class QLabel;

// One key figure of a delivery (Targeted, To deliver, ...): a large value over a small caption.
class KpiTile final : public QFrame
{
    Q_OBJECT

public:
    explicit KpiTile(QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    void setValue(const QString &value);
    // A smaller line under the caption ("9 hard, 3 expired"); hidden while empty.
    void setDetail(const QString &detail);
    QString detail() const;
    // Red figures when a threshold is passed (a hard bounce or complaint rate).
    void setWarning(bool warning);
    bool isWarning() const { return m_warning; }
    QString caption() const;
    QString value() const;

private:
    QLabel *m_value;
    QLabel *m_caption;
    QLabel *m_detail;
    bool m_warning = false;
};
