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
    // Red figures when a threshold is passed (a hard bounce or complaint rate).
    void setWarning(bool warning);
    bool isWarning() const { return m_warning; }
    QString caption() const;
    QString value() const;

private:
    QLabel *m_value;
    QLabel *m_caption;
    bool m_warning = false;
};
