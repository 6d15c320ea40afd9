package dev.hyperfocus.web.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-written readers of request text in bodies and parameters. */
class InputTextTest {
  @Test
  @DisplayName("Tokens, request ids and keys are 1 to N visible ASCII characters")
  void visibleAscii() {
    assertThat(Input.isVisibleAscii("hf_abc-~!", 9)).isTrue();
    assertThat(Input.isVisibleAscii("hf_abc-~!", 8)).isFalse();
    assertThat(Input.isVisibleAscii("", 8)).isFalse();
    assertThat(Input.isVisibleAscii(null, 8)).isFalse();
    assertThat(Input.isVisibleAscii("a b", 8)).isFalse();
    assertThat(Input.isVisibleAscii("a\u007Fb", 8)).isFalse();
    assertThat(Input.isVisibleAscii("caf\u00E9", 8)).isFalse();
    assertThat(Input.isVisibleAscii("a\tb", 8)).isFalse();
  }

  @Test
  @DisplayName("Whole numbers as text: a sign and up to 19 ASCII digits, within a long")
  void integerText() {
    assertThat(Lenient.integer("42")).isEqualTo(42L);
    assertThat(Lenient.integer("+42")).isEqualTo(42L);
    assertThat(Lenient.integer("-42")).isEqualTo(-42L);
    assertThat(Lenient.integer("007")).isEqualTo(7L);
    assertThat(Lenient.integer("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Lenient.integer("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(Lenient.integer("9223372036854775808")).isNull();
    assertThat(Lenient.integer("12345678901234567890")).isNull();
    assertThat(Lenient.integer("")).isNull();
    assertThat(Lenient.integer("+")).isNull();
    assertThat(Lenient.integer("-")).isNull();
    assertThat(Lenient.integer("4 2")).isNull();
    assertThat(Lenient.integer(" 42")).isNull();
    assertThat(Lenient.integer("4.0")).isNull();
    assertThat(Lenient.integer("\u0664\u0662")).as("Arabic-Indic digits").isNull();
    assertThat(Lenient.integer("+-1")).isNull();
  }
}
