#pragma once

#include "workspace/store_executor.h"

#include <QFuture>
#include <QMetaObject>
#include <QObject>
#include <QString>

// How a page takes the Workspace's answer: handler(value) runs on context's thread, from its
// event loop, never inside the call that asked, even when the answer is already there
// (QFuture::then on a finished future runs at once: a view switched twice quickly would show,
// and signal, the first answer too). failed(message) gets why the database could not answer.
// Nothing runs once context is gone.
template <typename T, typename Handler, typename Failed>
void whenAnswered(QFuture<T> future, QObject *context, Handler handler, Failed failed)
{
    future
        .then(context,
              [context, handler](const T &value) {
                  QMetaObject::invokeMethod(
                      context, [handler, value] { handler(value); }, Qt::QueuedConnection);
              })
        .onFailed(context, [context, failed](const StoreUnavailable &e) {
            QMetaObject::invokeMethod(
                context, [failed, message = e.message()] { failed(message); }, Qt::QueuedConnection);
        });
}
