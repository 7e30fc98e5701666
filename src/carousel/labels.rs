//! The carousel's own words in zh-CN, zh-TW and en: role descriptions, button labels and
//! slide labels such as "3 of 8" / "第 3 张,共 8 张".

use crate::i18n::Locale;
use crate::text::replace;

/// Every piece of text a carousel shows or announces.
#[derive(Debug)]
pub struct CarouselStrings {
    /// `aria-roledescription` of the carousel.
    pub carousel: &'static str,
    /// `aria-roledescription` of each slide.
    pub slide: &'static str,
    /// Label of the previous button.
    pub previous: &'static str,
    /// Label of the next button.
    pub next: &'static str,
    /// Label of the rotation control while rotation is off.
    pub start: &'static str,
    /// Label of the rotation control while rotation is on.
    pub stop: &'static str,
    /// Label of the group of picker dots.
    pub picker: &'static str,
    slide_of: &'static str,
    dot_one: &'static str,
    dot_range: &'static str,
}

impl CarouselStrings {
    /// The strings of `locale`.
    pub fn of(locale: Locale) -> &'static Self {
        match locale {
            Locale::ZhCn => &ZH_CN,
            Locale::ZhTw => &ZH_TW,
            Locale::En => &EN,
        }
    }

    /// Label of slide `index` (from 0) of `count`: "3 of 8".
    pub fn slide_label(&self, index: usize, count: usize) -> String {
        let label = replace(self.slide_of, "{n}", &(index + 1).to_string());
        replace(&label, "{total}", &count.to_string())
    }

    /// Label of a picker dot showing slides `first..=last` (from 0): "Slide 3", or
    /// "Slides 4–6" when several are in view.
    pub fn dot_label(&self, first: usize, last: usize) -> String {
        if first >= last {
            replace(self.dot_one, "{n}", &(first + 1).to_string())
        } else {
            let label = replace(self.dot_range, "{first}", &(first + 1).to_string());
            replace(&label, "{last}", &(last + 1).to_string())
        }
    }

    /// Label of the rotation control: what pressing it does.
    pub fn rotation(&self, playing: bool) -> &'static str {
        if playing {
            self.stop
        } else {
            self.start
        }
    }
}

static ZH_CN: CarouselStrings = CarouselStrings {
    carousel: "轮播",
    slide: "幻灯片",
    previous: "上一张",
    next: "下一张",
    start: "开始自动播放",
    stop: "停止自动播放",
    picker: "选择幻灯片",
    slide_of: "第 {n} 张,共 {total} 张",
    dot_one: "第 {n} 张",
    dot_range: "第 {first}–{last} 张",
};

static ZH_TW: CarouselStrings = CarouselStrings {
    carousel: "輪播",
    slide: "投影片",
    previous: "上一張",
    next: "下一張",
    start: "開始自動播放",
    stop: "停止自動播放",
    picker: "選擇投影片",
    slide_of: "第 {n} 張,共 {total} 張",
    dot_one: "第 {n} 張",
    dot_range: "第 {first}–{last} 張",
};

static EN: CarouselStrings = CarouselStrings {
    carousel: "carousel",
    slide: "slide",
    previous: "Previous slide",
    next: "Next slide",
    start: "Start automatic slide show",
    stop: "Stop automatic slide show",
    picker: "Choose slide",
    slide_of: "{n} of {total}",
    dot_one: "Slide {n}",
    dot_range: "Slides {first}–{last}",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_labels_in_each_language() {
        assert_eq!(CarouselStrings::of(Locale::En).slide_label(2, 8), "3 of 8");
        assert_eq!(
            CarouselStrings::of(Locale::ZhCn).slide_label(2, 8),
            "第 3 张,共 8 张"
        );
        assert_eq!(
            CarouselStrings::of(Locale::ZhTw).slide_label(2, 8),
            "第 3 張,共 8 張"
        );
    }

    #[test]
    fn dot_labels_name_one_slide_or_a_range() {
        let en = CarouselStrings::of(Locale::En);
        assert_eq!(en.dot_label(2, 2), "Slide 3");
        assert_eq!(en.dot_label(3, 5), "Slides 4–6");
        assert_eq!(
            CarouselStrings::of(Locale::ZhCn).dot_label(3, 5),
            "第 4–6 张"
        );
    }

    #[test]
    fn rotation_control_says_what_it_does() {
        let zh = CarouselStrings::of(Locale::ZhCn);
        assert_eq!(zh.rotation(true), "停止自动播放");
        assert_eq!(zh.rotation(false), "开始自动播放");
        assert_eq!(
            CarouselStrings::of(Locale::En).rotation(true),
            "Stop automatic slide show"
        );
    }
}
