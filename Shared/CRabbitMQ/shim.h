#ifndef INTAKE_CRABBITMQ_SHIM_H
#define INTAKE_CRABBITMQ_SHIM_H

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <sys/time.h>

/* amqp_login is C-variadic, which Swift cannot call: this wrapper fixes the PLAIN mechanism. */
static inline amqp_rpc_reply_t intake_amqp_login_plain(amqp_connection_state_t state,
                                                       const char *vhost,
                                                       int frame_max,
                                                       int heartbeat,
                                                       const char *user,
                                                       const char *password) {
    return amqp_login(state, vhost, 0, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user, password);
}

/* Method numbers are macros with casts, which Swift does not import. */
static const amqp_method_number_t INTAKE_AMQP_BASIC_ACK = AMQP_BASIC_ACK_METHOD;
static const amqp_method_number_t INTAKE_AMQP_BASIC_NACK = AMQP_BASIC_NACK_METHOD;
static const amqp_method_number_t INTAKE_AMQP_BASIC_RETURN = AMQP_BASIC_RETURN_METHOD;
static const amqp_method_number_t INTAKE_AMQP_CHANNEL_CLOSE = AMQP_CHANNEL_CLOSE_METHOD;
static const amqp_method_number_t INTAKE_AMQP_CONNECTION_CLOSE = AMQP_CONNECTION_CLOSE_METHOD;
static const amqp_method_number_t INTAKE_AMQP_CHANNEL_CLOSE_OK = AMQP_CHANNEL_CLOSE_OK_METHOD;
static const amqp_method_number_t INTAKE_AMQP_CONNECTION_CLOSE_OK = AMQP_CONNECTION_CLOSE_OK_METHOD;
static const amqp_flags_t INTAKE_AMQP_PUBLISH_FLAGS =
    AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_MESSAGE_ID_FLAG;
static const uint8_t INTAKE_AMQP_FRAME_METHOD = AMQP_FRAME_METHOD;

#endif
