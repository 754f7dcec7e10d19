package dev.kasa.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputNamesTest {
  @Test
  void listsAreNamedTxtListOrCsvWithOrWithoutGzip() {
    assertThat(InputNames.isListName("feeds/bad.txt")).isTrue();
    assertThat(InputNames.isListName("BAD.LIST")).isTrue();
    assertThat(InputNames.isListName("iocs.csv.gz")).isTrue();
    assertThat(InputNames.isListName("LICENSE")).isFalse();
    assertThat(InputNames.isListName("README.md")).isFalse();
    assertThat(InputNames.isListName("values")).isFalse();
    assertThat(InputNames.isListName("txt")).isFalse();
  }

  @Test
  void documentsLicencesYamlAndImagesAreNotLogsButLogNamesAre() {
    assertThat(InputNames.notLog(Path.of("logs/README.md"))).contains(".md");
    assertThat(InputNames.notLog(Path.of("logs/LICENSE"))).contains("LICENSE");
    assertThat(InputNames.notLog(Path.of("logs/license.txt"))).contains("LICENSE");
    assertThat(InputNames.notLog(Path.of("logs/dataset.yaml"))).isNotNull();
    assertThat(InputNames.notLog(Path.of("logs/map.PNG"))).isNotNull();
    assertThat(InputNames.notLog(Path.of("logs/notes.md.gz"))).isNotNull();
    assertThat(InputNames.notLog(Path.of("logs/conn.log"))).isNull();
    assertThat(InputNames.notLog(Path.of("logs/conn.log.gz"))).isNull();
    assertThat(InputNames.notLog(Path.of("logs/eve.json"))).isNull();
    assertThat(InputNames.notLog(Path.of("logs/Security.evtx"))).isNull();
    assertThat(InputNames.notLog(Path.of("logs/events"))).isNull();
  }
}
