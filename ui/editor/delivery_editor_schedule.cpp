#include "delivery_editor_schedule.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QDateTimeEdit *dateTimeEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    edit->setDateTime(QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)));
    return edit;
}

QLineEdit *durationEdit(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(DeliveryEditorSchedulePage::tr("A number and a unit: s, m, h or d (e.g. 15m, 2h, 5d, 1h30m)"));
    return edit;
}

} // namespace

DeliveryEditorSchedulePage::DeliveryEditorSchedulePage(QWidget *parent)
    : DeliveryEditorPage(parent)
    , m_zone(new QComboBox(this))
    , m_zoneOffset(new QLabel(this))
    , m_sendLater(new QCheckBox(tr("Send &later, at:"), this))
    , m_contactDate(dateTimeEdit(u"contactDateEdit"_s, this))
    , m_validityDuration(new QRadioButton(tr("&For:"), this))
    , m_validity(durationEdit(u"validityEdit"_s, u"5d"_s, this))
    , m_validityUntil(new QRadioButton(tr("&Until:"), this))
    , m_validityEnd(dateTimeEdit(u"validityEndEdit"_s, this))
    , m_retryPeriod(durationEdit(u"retryPeriodEdit"_s, u"15m"_s, this))
    , m_retryMax(durationEdit(u"retryMaxEdit"_s, u"4h"_s, this))
    , m_wavesMode(new QComboBox(this))
    , m_wavesStack(new QStackedWidget(this))
    , m_waveSize(new QLineEdit(this))
    , m_waveInterval(durationEdit(u"waveIntervalEdit"_s, u"2h"_s, this))
    , m_calendar(new QTableWidget(0, 2, this))
{
    setObjectName(u"schedulePage"_s);
    m_zone->setObjectName(u"timeZoneCombo"_s);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromLatin1(id), id);
    m_zoneOffset->setObjectName(u"timeZoneOffset"_s);
    m_sendLater->setObjectName(u"sendLaterCheck"_s);
    m_validityDuration->setObjectName(u"validityDurationRadio"_s);
    m_validityDuration->setChecked(true);
    m_validityUntil->setObjectName(u"validityEndRadio"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scheduleGroup());
    layout->addWidget(wavesGroup());

    for (QLineEdit *e : {m_validity, m_retryPeriod, m_retryMax, m_waveSize, m_waveInterval})
        connect(e, &QLineEdit::textChanged, this, &DeliveryEditorPage::changed);
    for (QDateTimeEdit *e : {m_contactDate, m_validityEnd})
        connect(e, &QDateTimeEdit::dateTimeChanged, this, &DeliveryEditorPage::changed);
    for (QAbstractButton *b : std::initializer_list<QAbstractButton *>{m_sendLater, m_validityDuration}) {
        connect(b, &QAbstractButton::toggled, this, [this] {
            updateEnabled();
            Q_EMIT changed();
        });
    }
    connect(m_zone, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_wavesMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_wavesStack->setCurrentIndex(index);
        Q_EMIT changed();
    });
    connect(m_calendar, &QTableWidget::itemChanged, this, &DeliveryEditorPage::changed);
    selectZoneFor(QDateTime());
    updateEnabled();
}

QWidget *DeliveryEditorSchedulePage::scheduleGroup()
{
    auto *group = new QGroupBox(tr("Schedule"), this);
    auto *form = new QFormLayout(group);
    auto *zoneRow = new QWidget(group);
    auto *zoneLayout = new QHBoxLayout(zoneRow);
    zoneLayout->setContentsMargins(0, 0, 0, 0);
    zoneLayout->addWidget(m_zone, 1);
    zoneLayout->addWidget(m_zoneOffset);
    form->addRow(tr("Time &zone:"), zoneRow);
    form->addRow(m_sendLater, withError(m_contactDate, u"contact_date"_s));
    form->addRow(new QLabel(tr("Validity:"), group));
    form->addRow(m_validityDuration, withError(m_validity, u"validity"_s));
    form->addRow(m_validityUntil, withError(m_validityEnd, u"validity_end"_s));
    form->addRow(tr("&Retry soft failures after:"), withError(m_retryPeriod, u"retry.period"_s));
    form->addRow(tr("Retry at most &every:"), withError(m_retryMax, u"retry.max_period"_s));
    form->addRow(QString(), errorLabel(u"retry"_s));
    return group;
}

QWidget *DeliveryEditorSchedulePage::wavesGroup()
{
    auto *group = new QGroupBox(tr("Waves"), this);
    m_wavesMode->setObjectName(u"wavesModeCombo"_s);
    m_wavesMode->addItem(tr("None: everyone at once"), QString());
    m_wavesMode->addItem(tr("Same size"), u"same_size"_s);
    m_wavesMode->addItem(tr("Calendar"), u"calendar"_s);
    m_waveSize->setObjectName(u"waveSizeEdit"_s);
    m_waveSize->setPlaceholderText(tr("25% or a count"));

    auto *none = new QWidget(m_wavesStack);
    auto *same = new QWidget(m_wavesStack);
    auto *sameForm = new QFormLayout(same);
    sameForm->addRow(tr("Wave si&ze:"), withError(m_waveSize, u"waves.size"_s));
    sameForm->addRow(tr("&Interval:"), withError(m_waveInterval, u"waves.interval"_s));

    auto *calendar = new QWidget(m_wavesStack);
    auto *calendarLayout = new QVBoxLayout(calendar);
    m_calendar->setObjectName(u"wavesCalendarTable"_s);
    m_calendar->setHorizontalHeaderLabels({tr("Start after"), tr("Size (count or %)")});
    m_calendar->horizontalHeader()->setStretchLastSection(true);
    m_calendar->setMinimumHeight(120);
    auto *add = new QPushButton(tr("Add &wave"), calendar);
    add->setObjectName(u"addWaveButton"_s);
    auto *remove = new QPushButton(tr("Remove wa&ve"), calendar);
    remove->setObjectName(u"removeWaveButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    calendarLayout->addWidget(m_calendar, 1);
    calendarLayout->addLayout(buttons);
    calendarLayout->addWidget(errorLabel(u"waves.calendar"_s));
    connect(add, &QPushButton::clicked, this, [this] {
        addWave(m_calendar->rowCount() == 0 ? u"0s"_s : QString(), QString());
        Q_EMIT changed();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_calendar->currentRow() >= 0) {
            m_calendar->removeRow(m_calendar->currentRow());
            Q_EMIT changed();
        }
    });

    m_wavesStack->addWidget(none);
    m_wavesStack->addWidget(same);
    m_wavesStack->addWidget(calendar);
    auto *form = new QFormLayout(group);
    form->addRow(tr("&Mode:"), m_wavesMode);
    form->addRow(m_wavesStack);
    form->addRow(errorLabel(u"waves"_s));
    return group;
}

void DeliveryEditorSchedulePage::addWave(const QString &delay, const QString &size)
{
    const QSignalBlocker block(m_calendar);
    const int row = m_calendar->rowCount();
    m_calendar->insertRow(row);
    m_calendar->setItem(row, 0, new QTableWidgetItem(delay));
    m_calendar->setItem(row, 1, new QTableWidgetItem(size));
}

QTimeZone DeliveryEditorSchedulePage::zone() const
{
    const QTimeZone tz(m_zone->currentData().toByteArray());
    return tz.isValid() ? tz : QTimeZone::systemTimeZone();
}

// Shows dt's moment in a zone that has dt's offset: the user's own zone when it does, else
// the fixed offset ("UTC+09:00") the definition was written with.
void DeliveryEditorSchedulePage::selectZoneFor(const QDateTime &dt)
{
    QTimeZone tz = QTimeZone::systemTimeZone();
    if (dt.isValid() && tz.offsetFromUtc(dt) != dt.offsetFromUtc())
        tz = dt.offsetFromUtc() == 0 ? QTimeZone(QByteArrayLiteral("UTC")) : QTimeZone(dt.offsetFromUtc());
    int index = m_zone->findData(tz.id());
    if (index < 0) {
        m_zone->addItem(QString::fromLatin1(tz.id()), tz.id());
        index = m_zone->count() - 1;
    }
    m_zone->setCurrentIndex(index);
}

QString DeliveryEditorSchedulePage::isoDate(const QDateTimeEdit *edit) const
{
    const QDateTime local = edit->dateTime();
    return QDateTime(local.date(), local.time(), zone()).toString(Qt::ISODate);
}

void DeliveryEditorSchedulePage::updateEnabled()
{
    m_contactDate->setEnabled(m_sendLater->isChecked());
    m_validity->setEnabled(m_validityDuration->isChecked());
    m_validityEnd->setEnabled(!m_validityDuration->isChecked());
    const QDateTime at(m_contactDate->date(), m_contactDate->time(), zone());
    const int offset = zone().offsetFromUtc(at.isValid() ? at : QDateTime::currentDateTimeUtc());
    const QString sign = offset < 0 ? u"-"_s : u"+"_s;
    m_zoneOffset->setText(tr("UTC%1%2:%3")
                              .arg(sign)
                              .arg(qAbs(offset) / 3600, 2, 10, QChar(u'0'))
                              .arg(qAbs(offset) % 3600 / 60, 2, 10, QChar(u'0')));
}

void DeliveryEditorSchedulePage::load(const QJsonObject &definition)
{
    const QDateTime contact = QDateTime::fromString(definition.value(u"contact_date"_s).toString(), Qt::ISODate);
    const QDateTime end = QDateTime::fromString(definition.value(u"validity_end"_s).toString(), Qt::ISODate);
    selectZoneFor(contact.isValid() ? contact : end);
    const QTimeZone tz = zone();
    m_sendLater->setChecked(contact.isValid());
    // The edits hold wall-clock time in the chosen zone.
    if (contact.isValid()) {
        const QDateTime c = contact.toTimeZone(tz);
        m_contactDate->setDateTime(QDateTime(c.date(), c.time()));
    }
    m_validityUntil->setChecked(end.isValid());
    m_validityDuration->setChecked(!end.isValid());
    if (end.isValid()) {
        const QDateTime e = end.toTimeZone(tz);
        m_validityEnd->setDateTime(QDateTime(e.date(), e.time()));
    }
    m_validity->setText(definition.value(u"validity"_s).toString());
    const QJsonObject retry = definition.value(u"retry"_s).toObject();
    m_retryPeriod->setText(retry.value(u"period"_s).toString());
    m_retryMax->setText(retry.value(u"max_period"_s).toString());

    const QJsonObject waves = definition.value(u"waves"_s).toObject();
    const QString mode = waves.value(u"mode"_s).toString();
    m_wavesMode->setCurrentIndex(qMax(0, m_wavesMode->findData(mode)));
    m_waveSize->setText(waves.value(u"size"_s).toVariant().toString());
    m_waveInterval->setText(waves.value(u"interval"_s).toString());
    m_calendar->setRowCount(0);
    for (const QJsonValue row : waves.value(u"calendar"_s).toArray()) {
        const QJsonObject w = row.toObject();
        addWave(w.value(u"delay"_s).toString(), w.value(u"size"_s).toVariant().toString());
    }
    updateEnabled();
}

void DeliveryEditorSchedulePage::write(QJsonObject *definition) const
{
    if (m_sendLater->isChecked())
        definition->insert(u"contact_date"_s, isoDate(m_contactDate));
    else
        definition->remove(u"contact_date"_s);
    definition->remove(u"validity"_s);
    definition->remove(u"validity_end"_s);
    if (!m_validityDuration->isChecked())
        definition->insert(u"validity_end"_s, isoDate(m_validityEnd));
    else if (!m_validity->text().trimmed().isEmpty())
        definition->insert(u"validity"_s, m_validity->text().trimmed());

    QJsonObject retry;
    if (!m_retryPeriod->text().trimmed().isEmpty())
        retry.insert(u"period"_s, m_retryPeriod->text().trimmed());
    if (!m_retryMax->text().trimmed().isEmpty())
        retry.insert(u"max_period"_s, m_retryMax->text().trimmed());
    definition->insert(u"retry"_s, retry);

    const QString mode = m_wavesMode->currentData().toString();
    if (mode == u"same_size"_s) {
        definition->insert(u"waves"_s, QJsonObject{{u"mode"_s, mode},
                                                   {u"size"_s, m_waveSize->text().trimmed()},
                                                   {u"interval"_s, m_waveInterval->text().trimmed()}});
    } else if (mode == u"calendar"_s) {
        QJsonArray rows;
        for (int row = 0; row < m_calendar->rowCount(); ++row) {
            const QTableWidgetItem *delay = m_calendar->item(row, 0);
            const QTableWidgetItem *size = m_calendar->item(row, 1);
            rows.append(QJsonObject{{u"delay"_s, delay ? delay->text().trimmed() : QString()},
                                    {u"size"_s, size ? size->text().trimmed() : QString()}});
        }
        definition->insert(u"waves"_s, QJsonObject{{u"mode"_s, mode}, {u"calendar"_s, rows}});
    } else {
        definition->remove(u"waves"_s);
    }
}
