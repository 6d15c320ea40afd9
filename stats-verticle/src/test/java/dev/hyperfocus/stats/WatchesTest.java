package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchesTest {
  private static final long LEASE = Watches.LEASE_NANOS;

  @Test
  @DisplayName("A watch lasts its lease, a renewal extends it, and nobody else is watched")
  void leaseAndRenewal() {
    Watches watches = new Watches();
    watches.watch(7, 0);

    assertThat(watches.watched(7, LEASE - 1)).isTrue();
    assertThat(watches.watched(7, LEASE)).isFalse();
    assertThat(watches.watched(8, 0)).isFalse();

    watches.renew(List.of(7L, 8L), LEASE / 2);
    assertThat(watches.watched(7, LEASE + 1)).isTrue();
    assertThat(watches.watched(8, LEASE + 1)).isTrue();
    assertThat(watches.watched(7, LEASE / 2 + LEASE)).isFalse();
  }

  @Test
  @DisplayName("A renewal forgets lapsed watches it does not name; a deleted user is dropped at once")
  void lapsedAndDropped() {
    Watches watches = new Watches();
    watches.watch(1, 0);
    watches.watch(2, 0);

    watches.renew(List.of(2L), LEASE + 1);
    assertThat(watches.watched(1, LEASE + 1)).isFalse();
    assertThat(watches.watched(2, LEASE + 1)).isTrue();

    watches.drop(2);
    assertThat(watches.watched(2, LEASE + 1)).isFalse();
  }
}
