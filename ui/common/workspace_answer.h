#pragma once

#include "workspace/store_executor.h"

#include <QCoreApplication>
#include <QFuture>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>

// How a page takes the Workspace's answer: handler(value) runs on the GUI thread, from its event
// loop, never inside the call that asked, even when the answer is already there (QFuture::then on
// a finished future runs at once: a view switched twice quickly would show, and signal, the first
// answer too). failed(message) gets why the database could not answer. Nothing runs once context
// (a page: it lives on the GUI thread) is gone.
//
// The continuation is attached without a context and posts to the application object, which
// outlives every page; the page is looked up there, on its own thread. QFuture::then(context, ...)
// asserts in Qt 6.4 when its context dies before the future ends (qfuture_impl.h, "context"),
// which a page closed while its question runs does.
template <typename T, typename Handler, typename Failed>
void whenAnswered(QFuture<T> future, QObject *context, Handler handler, Failed failed)
{
    future
        .then([page = QPointer<QObject>(context), handler](const T &value) {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [page, handler, value] {
                    if (page)
                        handler(value);
                },
                Qt::QueuedConnection);
        })
        .onFailed([page = QPointer<QObject>(context), failed](const StoreUnavailable &e) {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [page, failed, message = e.message()] {
                    if (page)
                        failed(message);
                },
                Qt::QueuedConnection);
        });
}
