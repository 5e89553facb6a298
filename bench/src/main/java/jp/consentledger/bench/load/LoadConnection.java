package jp.consentledger.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** One keep-alive connection of an {@link OpenLoadRun}, with the request it has in flight. */
final class LoadConnection {
    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    volatile long intended;
    volatile boolean measured;

    LoadConnection(InetSocketAddress address, Selector selector) throws IOException {
        channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(address);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, this);
    }
}
