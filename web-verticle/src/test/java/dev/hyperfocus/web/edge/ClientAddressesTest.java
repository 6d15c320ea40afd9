package dev.hyperfocus.web.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  @Test
  @DisplayName("Trusted proxies: single addresses and CIDRs, IPv4 and IPv6")
  void ranges() {
    ClientAddresses proxies = ClientAddresses.parse(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8, ::1, 172.16.0.0/12");
    assertThat(proxies.any()).isTrue();
    assertThat(proxies.trusts(ClientAddresses.literal("10.200.3.4"))).isTrue();
    assertThat(proxies.trusts(ClientAddresses.literal("11.0.0.1"))).isFalse();
    assertThat(proxies.trusts(ClientAddresses.literal("192.168.1.7"))).isTrue();
    assertThat(proxies.trusts(ClientAddresses.literal("192.168.1.8"))).isFalse();
    assertThat(proxies.trusts(ClientAddresses.literal("172.31.255.255"))).isTrue();
    assertThat(proxies.trusts(ClientAddresses.literal("172.32.0.0"))).isFalse();
    assertThat(proxies.trusts(ClientAddresses.literal("fdab::1"))).isTrue();
    assertThat(proxies.trusts(ClientAddresses.literal("[::1]"))).isTrue();
    assertThat(proxies.trusts(ClientAddresses.literal("fe80::1"))).isFalse();
    assertThat(proxies.trusts(ClientAddresses.literal("::ffff:10.1.1.1"))).as("IPv4-mapped").isTrue();
    assertThat(ClientAddresses.parse("").any()).isFalse();
  }

  @Test
  @DisplayName("Only IP literals are addresses: host names, bad octets and bad prefixes are refused, never resolved")
  void literalsOnly() {
    assertThat(ClientAddresses.literal("localhost")).isNull();
    assertThat(ClientAddresses.literal("999.1.1.1")).isNull();
    assertThat(ClientAddresses.literal("1.2.3")).isNull();
    assertThat(ClientAddresses.literal("1.2.3.4:80")).isNull();
    assertThat(ClientAddresses.literal("unknown")).isNull();
    assertThat(ClientAddresses.literal("1:2:3")).isNull();
    assertThatThrownBy(() -> ClientAddresses.parse("proxy.example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddresses.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAddresses.parse("::/129")).isInstanceOf(IllegalArgumentException.class);
  }
}
