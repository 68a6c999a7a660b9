<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.8" tiledversion="1.8.2" name="miraclemile" tilewidth="16" tileheight="16" tilecount="39" columns="8">
 <image source="miraclemile-tiles.png" width="128" height="80"/>
 <tile id="0" type="sidewalk">
  <properties>
   <property name="tile" value="sidewalk"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="1" type="road">
  <properties>
   <property name="tile" value="road"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="2" type="road_lane">
  <properties>
   <property name="tile" value="road_lane"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="3" type="crosswalk">
  <properties>
   <property name="tile" value="crosswalk"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="4" type="grass">
  <properties>
   <property name="tile" value="grass"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="5" type="palm">
  <properties>
   <property name="tile" value="palm"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="6" type="water">
  <properties>
   <property name="tile" value="water"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="7" type="tar">
  <properties>
   <property name="tile" value="tar"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="8" type="wall">
  <properties>
   <property name="tile" value="wall"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="9" type="door">
  <properties>
   <property name="tile" value="door"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="10" type="fence">
  <properties>
   <property name="tile" value="fence"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="11" type="diner_floor">
  <properties>
   <property name="tile" value="diner_floor"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="12" type="counter">
  <properties>
   <property name="tile" value="counter"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="13" type="stool">
  <properties>
   <property name="tile" value="stool"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="14" type="booth">
  <properties>
   <property name="tile" value="booth"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="15" type="payphone">
  <properties>
   <property name="tile" value="payphone"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="16" type="street_light">
  <properties>
   <property name="tile" value="street_light"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="17" type="neon">
  <properties>
   <property name="tile" value="neon"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="18" type="mammoth">
  <properties>
   <property name="tile" value="mammoth"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="19" type="mammoth_young">
  <properties>
   <property name="tile" value="mammoth_young"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="20" type="bench">
  <properties>
   <property name="tile" value="bench"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="21" type="store_floor">
  <properties>
   <property name="tile" value="store_floor"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="22" type="shelf">
  <properties>
   <property name="tile" value="shelf"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="23" type="mall_floor">
  <properties>
   <property name="tile" value="mall_floor"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="24" type="shutter">
  <properties>
   <property name="tile" value="shutter"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="25" type="escalator">
  <properties>
   <property name="tile" value="escalator"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="26" type="rooftop">
  <properties>
   <property name="tile" value="rooftop"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="27" type="helipad">
  <properties>
   <property name="tile" value="helipad"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="28" type="vent">
  <properties>
   <property name="tile" value="vent"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="29" type="fire">
  <properties>
   <property name="tile" value="fire"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="30" type="smoke">
  <properties>
   <property name="tile" value="smoke"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="31" type="tar_shallow">
  <properties>
   <property name="tile" value="tar_shallow"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
 <tile id="32" type="gold_tiles">
  <properties>
   <property name="tile" value="gold_tiles"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="33" type="may_sign">
  <properties>
   <property name="tile" value="may_sign"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="34" type="shop_window">
  <properties>
   <property name="tile" value="shop_window"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="35" type="tower">
  <properties>
   <property name="tile" value="tower"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="36" type="hedge">
  <properties>
   <property name="tile" value="hedge"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="37" type="shopfront">
  <properties>
   <property name="tile" value="shopfront"/>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="38" type="courtyard">
  <properties>
   <property name="tile" value="courtyard"/>
   <property name="solid" type="bool" value="false"/>
  </properties>
 </tile>
</tileset>
