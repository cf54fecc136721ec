import * as grpc from '@grpc/grpc-js';

/**
 * The gateway's responses name `identity` as the message encoding it asks clients for
 * (`grpc-accept-encoding`). The official clients gzip every request message by default, and
 * gRPC clients honour this header: after the first answer on a connection they send their
 * messages uncompressed. The small messages of a workflow engine gain nothing from gzip on a
 * local machine or network, and each costs a zlib pass at both ends. Compressed messages are
 * still accepted (a connection's first request is sent before the client hears this).
 */
export const askForIdentityEncoding: grpc.ServerInterceptor = (_method, call) =>
  new grpc.ServerInterceptingCall(call, {
    sendMetadata: (metadata, next) => {
      metadata.set('grpc-accept-encoding', 'identity');
      next(metadata);
    },
  });
