package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pings and the closing of dead sockets, with {@code HYPERFOCUS_LIVE_PING_INTERVAL=1}: the pings
 * are spread over the interval rather than sent to every socket at once, and this checks that
 * spreading them dropped none: every idle socket is still pinged once per interval, one that
 * answers stays open, one that stops answering is closed within three intervals (60 s with the
 * default of 20 s).
 */
class LivenessIT {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(30);
  @AutoClose
  private static final TestNode node = TestNode.start(Map.of(
      Setting.LIVE_PING_INTERVAL, String.valueOf(INTERVAL.toSeconds()), Setting.LIVE_MAX_SOCKETS, "0"));

  private static String live(Api.Account account) {
    return "/users/" + account.id() + "/live";
  }

  @Test
  @DisplayName("Every idle socket is pinged each interval, and one that answers stays open and keeps its updates")
  void idleSocketsArePingedAndKept() throws Exception {
    List<Api.Account> users = List.of(Api.signUp(node), Api.signUp(node), Api.signUp(node));
    List<LiveClient> sockets = new ArrayList<>();
    try {
      for (Api.Account user : users) {
        for (int i = 0; i < 10; i++) {
          LiveClient socket = LiveClient.connect(node.port(), live(user), user.token());
          socket.next();
          sockets.add(socket);
        }
      }
      // five pings take at least four intervals: longer than a silent socket is kept
      Await.until("five pings on every socket", WAIT, () -> sockets.stream().allMatch(s -> s.pings() >= 5),
          () -> Arrays.toString(sockets.stream().mapToInt(LiveClient::pings).toArray()));
      assertThat(sockets).noneMatch(LiveClient::closed);
      Api.startSession(node, users.get(1), null);
      for (LiveClient socket : sockets.subList(10, 20)) {
        assertThat(socket.next().getString("reason")).isEqualTo("session_started");
      }
    } finally {
      sockets.forEach(LiveClient::close);
    }
  }

  @Test
  @DisplayName("A socket that stops answering pings is closed with 1001 within three intervals")
  void deadSocketIsClosed() throws Exception {
    Api.Account ada = Api.signUp(node);
    double before = Api.websocketsConnected(node);
    try (LiveClient stuck = LiveClient.connect(node.port(), live(ada), ada.token(), false)) {
      long connected = System.nanoTime();
      stuck.next();
      Await.until("the server counts the socket", WAIT, () -> Api.websocketsConnected(node) == before + 1,
          () -> Api.websocketsConnected(node));
      Await.until("the server closes the silent socket", WAIT, () -> Api.websocketsConnected(node) == before,
          () -> Api.websocketsConnected(node));
      Duration took = Duration.ofNanos(System.nanoTime() - connected);
      // three intervals at most, plus a little for a busy machine's timers
      assertThat(took).isLessThan(INTERVAL.multipliedBy(3).plusSeconds(2));
      stuck.readAll();
      assertThat(stuck.closeCode()).isEqualTo(1001);
    }
  }
}
