#pragma once

#include <QWidget>

// The Success % gauge of the dashboard: a 270° arc filled up to the percentage, the figure in
// its middle. It only paints the value it is given.
class SuccessGauge final : public QWidget
{
    Q_OBJECT

public:
    explicit SuccessGauge(QWidget *parent = nullptr);

    void setValue(double percent);
    double value() const { return m_value; }
    void setCaption(const QString &caption);
    QString text() const; // the figure as painted

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_value = 0;
    QString m_caption;
};
