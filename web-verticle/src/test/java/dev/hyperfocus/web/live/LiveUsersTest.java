package dev.hyperfocus.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Live;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LiveUsersTest {
  private static JsonObject frame(String type, String reason, String epoch, long seq) {
    return new JsonObject().put(Live.TYPE, type).put(Live.REASON, reason).put(Live.EPOCH, epoch).put(Live.SEQ, seq);
  }

  @Test
  @DisplayName("The cap counts the node's sockets of a user, and a released slot can be taken again")
  void cap() {
    LiveUsers users = new LiveUsers(2);
    assertThat(users.reserve(1)).isTrue();
    assertThat(users.reserve(1)).isTrue();
    assertThat(users.reserve(1)).isFalse();
    assertThat(users.reserve(2)).as("another user").isTrue();
    users.release(1);
    assertThat(users.reserve(1)).isTrue();
    assertThat(users.users()).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  @DisplayName("A change fanned out by a second instance reuses the first one's encoded frame; ticks and snapshots never do")
  void changeEncodedOnce() {
    LiveUsers users = new LiveUsers(0);
    users.reserve(7);
    LiveSocket.Frame first = users.frameOf(7, frame(Live.UPDATE, "interruption_logged", "e1", 4));
    assertThat(users.frameOf(7, frame(Live.UPDATE, "interruption_logged", "e1", 4))).isSameAs(first);
    assertThat(users.frameOf(7, frame(Live.UPDATE, Live.TICK, "e1", 4))).isNotSameAs(first);
    assertThat(users.frameOf(7, frame(Live.SNAPSHOT, "connected", "e1", 4))).isNotSameAs(first);
    assertThat(users.frameOf(7, frame(Live.UPDATE, "interruption_logged", "e2", 4))).as("another epoch")
        .isNotSameAs(first);
    LiveSocket.Frame next = users.frameOf(7, frame(Live.UPDATE, "session_ended", "e2", 5));
    assertThat(users.frameOf(7, frame(Live.UPDATE, "session_ended", "e2", 5))).isSameAs(next);
  }

  @Test
  @DisplayName("A user's frame goes with the user's last socket on the node")
  void frameForgottenWithLastSocket() {
    LiveUsers users = new LiveUsers(0);
    users.reserve(7);
    LiveSocket.Frame kept = users.frameOf(7, frame(Live.UPDATE, "session_started", "e1", 1));
    users.release(7);
    assertThat(users.frameOf(7, frame(Live.UPDATE, "session_started", "e1", 1))).isNotSameAs(kept);
  }
}
