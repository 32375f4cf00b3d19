#pragma once

#include "delivery_editor_page.h"

#include <QTimeZone>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QRadioButton;
class QStackedWidget;
class QTableWidget;

// The schedule half of the Sending tab: contact date (with its time zone shown), validity,
// retries of soft failures and waves (same size, or a calendar of delays and sizes).
// Durations are typed as the definition writes them: "15m", "2h", "5d", "1h30m".
class DeliveryEditorSchedulePage final : public DeliveryEditorPage
{
    Q_OBJECT

public:
    explicit DeliveryEditorSchedulePage(QWidget *parent = nullptr);

    void load(const QJsonObject &definition) override;
    void write(QJsonObject *definition) const override;

private:
    QWidget *scheduleGroup();
    QWidget *wavesGroup();
    void addWave(const QString &delay, const QString &size);
    void selectZoneFor(const QDateTime &dt);
    QTimeZone zone() const;
    QString isoDate(const QDateTimeEdit *edit) const;
    void updateEnabled();

    QComboBox *m_zone;
    QLabel *m_zoneOffset;
    QCheckBox *m_sendLater;
    QDateTimeEdit *m_contactDate;
    QRadioButton *m_validityDuration;
    QLineEdit *m_validity;
    QRadioButton *m_validityUntil;
    QDateTimeEdit *m_validityEnd;
    QLineEdit *m_retryPeriod;
    QLineEdit *m_retryMax;
    QComboBox *m_wavesMode;
    QStackedWidget *m_wavesStack;
    QLineEdit *m_waveSize;
    QLineEdit *m_waveInterval;
    QTableWidget *m_calendar;
};
