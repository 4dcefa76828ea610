package io.asyncio4j.benchmarks.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Netty's canonical echo server on NIO event loops: one (as the asyncio4j server has) for {@link
 * EchoBench}, N for {@link GroupEchoBench}, which also frames fixed-size messages and adds CPU
 * work per message.
 */
final class NettyEchoServer implements EchoBench.EchoServer {
  private final EventLoopGroup group;
  private final Channel channel;

  private NettyEchoServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  static NettyEchoServer start() throws InterruptedException {
    return start(1, 0, 0);
  }

  /**
   * On {@code loops} event loops (one of them also accepts); with {@code frameSize} > 0 each
   * message of that size is echoed whole after {@code workMicros} of CPU work.
   */
  static NettyEchoServer start(int loops, int frameSize, int workMicros)
      throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
    Echo echo = new Echo(workMicros);
    Channel ch =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    if (frameSize > 0) {
                      c.pipeline().addLast(new FixedLengthFrameDecoder(frameSize));
                    }
                    c.pipeline().addLast(echo);
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    return new NettyEchoServer(group, ch);
  }

  @ChannelHandler.Sharable
  private static final class Echo extends ChannelInboundHandlerAdapter {
    private final int workMicros;

    Echo(int workMicros) {
      this.workMicros = workMicros;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      GroupEchoBench.work(workMicros);
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @Override
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() throws InterruptedException {
    channel.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
